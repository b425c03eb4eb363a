package dev.lockwatch.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.audit.AuditReader;
import dev.lockwatch.clean.CleanPolicy;
import dev.lockwatch.clean.Removal;
import dev.lockwatch.clean.SafeRemover;
import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.process.Signaller;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.DemoGatewayProcess;
import dev.lockwatch.testing.LockFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart state machine with real processes and real signals (only to children this test started). */
class RestartFlowTest {
    @TempDir
    Path state;
    @TempDir
    Path data;

    private final LinuxProcProbe probe = new LinuxProcProbe();
    private final LockScanner scanner = new LockScanner(probe, new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());
    private final List<RestartPhase> phases = new ArrayList<>();
    private final RestartListener recorder = new RestartListener() {
        @Override
        public void phase(RestartPhase phase, String message) {
            phases.add(phase);
        }
    };

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
    }

    private GatewayLocator gateways() {
        return new GatewayLocator(Optional.of(state), Optional.empty(), probe);
    }

    private AuditLog audit() {
        return new AuditLog(data.resolve("audit.jsonl"), Clock.systemUTC());
    }

    private RestartPlan plan(SignalChoice choice) {
        return RestartPlanner.plan(gateways().discover(), choice, scanner.scan(List.of(state)).locks(),
                pid -> AuditReader.lastSignalled(data.resolve("audit.jsonl"), pid), Instant.now());
    }

    private RestartReport run(RestartPlan plan, Duration timeout) {
        return new RestartFlow(gateways(), new Signaller(), scanner, null, audit(), Clock.systemUTC(), timeout, Duration.ofSeconds(1))
                .run(plan, recorder);
    }

    @Test
    void releaseModeEndsReleasedInTheSameProcess() throws Exception {
        try (DemoGatewayProcess demo = DemoGatewayProcess.start(state, "--sessions", "3", "--mode", "release")) {
            RestartPlan plan = plan(SignalChoice.AUTO);
            assertThat(plan.refusal()).isNull();
            assertThat(plan.tracked()).hasSize(3);
            RestartReport report = run(plan, Duration.ofSeconds(30));
            assertThat(report.outcome()).as(report.message()).isEqualTo(RestartOutcome.RELEASED);
            assertThat(report.released()).hasSize(3).allSatisfy(r -> assertThat(r.afterMs()).isBetween(0L, 30_000L));
            assertThat(report.gatewayAfter().samePid()).isTrue();
            assertThat(report.gatewayAfter().pid()).isEqualTo(demo.pid());
            assertThat(phases).containsExactly(RestartPhase.VERIFYING, RestartPhase.SIGNALLED, RestartPhase.AWAITING_RELEASE,
                    RestartPhase.RELEASED);
            // the signal and the outcome are audited; a second restart within 30 s is held back, and said so
            assertThat(AuditReader.tail(data.resolve("audit.jsonl"))).extracting(n -> n.get("action").asText())
                    .containsExactly("signal", "restart-outcome");
            RestartPlan again = plan(SignalChoice.AUTO);
            assertThat(again.refusal()).contains("holds back a second restart signal within 30 s");
        }
    }

    @Test
    void leakModeEndsWithOrphanedSurvivorsThatCleanRemoves() throws Exception {
        try (DemoGatewayProcess demo = DemoGatewayProcess.start(state, "--sessions", "2", "--mode", "leak")) {
            RestartReport report = run(plan(SignalChoice.AUTO), Duration.ofSeconds(3));
            assertThat(report.outcome()).as(report.message()).isEqualTo(RestartOutcome.SURVIVORS);
            assertThat(report.gatewayAfter().samePid()).isTrue();
            assertThat(report.survivors()).hasSize(2).allSatisfy(s -> {
                assertThat(s.verdict()).isEqualTo(Verdict.ORPHANED);
                assertThat(s.reasons()).containsExactly(Reason.NOT_HELD_OPEN, Reason.PREDATES_GATEWAY_RESTART);
                assertThat(s.removable()).isTrue();
            });
            SafeRemover remover = new SafeRemover(scanner, new CleanPolicy(true, false), audit());
            for (LockReport survivor : report.survivors()) {
                assertThat(remover.remove(scanner.rejudge(survivor.path(), survivor.root()), false).outcome())
                        .isEqualTo(Removal.Outcome.REMOVED);
                assertThat(survivor.path()).doesNotExist();
            }
            assertThat(demo.pid()).isPositive();
        }
    }

    @Test
    void aProcessThatIsNotAGatewayIsRefused() throws Exception {
        try (ChildProcess plain = ChildProcess.bash("echo ready; read -r _")) {
            writeGatewayLock(plain.pid(), null);
            RestartPlan plan = plan(SignalChoice.SIGUSR1);
            assertThat(plan.refused()).isTrue();
            assertThat(plan.refusal()).startsWith("no verified gateway");
            assertThat(run(plan, Duration.ofSeconds(1)).outcome()).isEqualTo(RestartOutcome.REFUSED);
            assertThat(plain.isAlive()).isTrue();
        }
    }

    @Test
    void starttimeMismatchAndDeadPidAreRefused() throws Exception {
        try (ChildProcess gatewayLike = gatewayLikeIgnoringUsr1()) {
            writeGatewayLock(gatewayLike.pid(), gatewayLike.starttime() + 7);
            assertThat(plan(SignalChoice.SIGUSR1).refusal()).startsWith("no verified gateway");
        }
        writeGatewayLock(ChildProcess.reapedPid(), null);
        assertThat(plan(SignalChoice.SIGUSR1).refusal()).startsWith("no verified gateway");
    }

    @Test
    void unknownVersionNeedsAnExplicitSignal() throws Exception {
        try (ChildProcess gatewayLike = gatewayLikeIgnoringUsr1()) {
            writeGatewayLock(gatewayLike.pid(), gatewayLike.starttime());
            RestartPlan auto = plan(SignalChoice.AUTO);
            assertThat(auto.refusal()).contains("version is unknown").contains("--signal SIGUSR1").contains("--signal SIGUSR2");
            assertThat(plan(SignalChoice.SIGUSR1).refused()).isFalse();
        }
    }

    @Test
    void aGatewayThatIgnoresTheSignalIsNotRestarted() throws Exception {
        try (ChildProcess gatewayLike = gatewayLikeIgnoringUsr1()) {
            writeGatewayLock(gatewayLike.pid(), gatewayLike.starttime());
            RestartReport report = run(plan(SignalChoice.SIGUSR1), Duration.ofSeconds(2));
            assertThat(report.outcome()).as(report.message()).isEqualTo(RestartOutcome.GATEWAY_NOT_RESTARTED);
            assertThat(report.message()).contains("draining");
            assertThat(gatewayLike.isAlive()).isTrue();
        }
    }

    @Test
    void aGatewayThatExitsOnTheSignalIsGone() throws Exception {
        try (ChildProcess exiting = ChildProcess.bash("trap 'exit 0' USR1; echo ready; while :; do sleep 0.1; done",
                "/opt/openclaw/openclaw.mjs", "gateway")) {
            writeGatewayLock(exiting.pid(), exiting.starttime());
            RestartReport report = run(plan(SignalChoice.SIGUSR1), Duration.ofSeconds(20));
            assertThat(report.outcome()).as(report.message()).isEqualTo(RestartOutcome.GATEWAY_GONE);
            assertThat(report.elapsedMs()).isLessThan(20_000);
        }
    }

    @Test
    void aGatewayReplacedAfterThePlanIsNotSignalled() throws Exception {
        try (ChildProcess first = gatewayLikeIgnoringUsr1(); ChildProcess second = gatewayLikeIgnoringUsr1()) {
            Path lock = writeGatewayLock(first.pid(), first.starttime());
            RestartPlan plan = plan(SignalChoice.SIGUSR1);
            writeGatewayLock(second.pid(), second.starttime());
            RestartReport report = run(plan, Duration.ofSeconds(1));
            assertThat(report.outcome()).isEqualTo(RestartOutcome.REFUSED);
            assertThat(report.message()).contains("changed since the plan");
            assertThat(report.signalledAt()).isNull();
            assertThat(lock).exists();
        }
    }

    /** A gateway-looking child (entry point + {@code gateway}) that ignores SIGUSR1, with no package.json: version unknown. */
    private static ChildProcess gatewayLikeIgnoringUsr1() throws Exception {
        return ChildProcess.bash("trap '' USR1; echo ready; while :; do sleep 0.1; done", "/opt/openclaw/openclaw.mjs", "gateway");
    }

    private Path writeGatewayLock(long pid, Long startTime) throws Exception {
        String uid = String.valueOf(dev.lockwatch.process.Users.currentUid());
        Path dir = Files.createDirectories(state.toRealPath().resolve("tmp").resolve("openclaw-" + uid));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String json = "{\"pid\": " + pid + ", \"createdAt\": \"" + Instant.now() + "\", \"configPath\": \"" + state.resolve("openclaw.json")
                + "\"" + (startTime == null ? "" : ", \"startTime\": " + startTime) + "}";
        return LockFiles.write(dir.resolve("gateway.0badc0de.lock"), json);
    }

}
