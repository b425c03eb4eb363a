package dev.lockwatch.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.audit.AuditReader;
import dev.lockwatch.gateway.GatewayDiscovery;
import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.process.RecordingSignaller;
import dev.lockwatch.process.RestartSignal;
import dev.lockwatch.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forged gateway locks (anyone who can write a gateway lock chooses its pid) naming pid 0, negative pids, pids beyond
 * the range, pid 1 of this host and Lockwatch's own pid: discovery never verifies them, the plan is refused with a
 * reason naming the pid, and even a plan forged past discovery (a "verified" gateway with such a host pid) is refused
 * by the Signaller before kill(2): the recording kill below never sees a call.
 */
class ForgedGatewayLockTest {
    @TempDir
    Path dir;

    private final ProcessProbe probe = ProcessProbes.forThisPlatform();
    private final List<Long> kills = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
    }

    private List<String> forgedPids() {
        long own = ProcessHandle.current().pid();
        return List.of("0", "-0", "-1", "-4242", "-9223372036854775808", "9223372036854775808", "1e30",
                Long.toString(probe.maxPid() + 1), "2147483648", "1", Long.toString(own));
    }

    @Test
    void forgedGatewayLocksAreNeverVerifiedAndThePlanIsRefusedWithTheReason() throws Exception {
        long own = ProcessHandle.current().pid();
        List<String> pids = forgedPids();
        for (int i = 0; i < pids.size(); i++) {
            String pid = pids.get(i);
            // startTime of the real process where there is one: the forgery is as good as it gets
            Long startTime = null;
            if (pid.equals("1") || pid.equals(Long.toString(own))) {
                startTime = ChildProcess.starttimeOf(Long.parseLong(pid));
            }
            Files.writeString(dir.resolve(String.format("gateway.%08d.lock", i)), "{\"pid\": " + pid + ", \"createdAt\": \"" + Instant.now()
                    + "\", \"configPath\": \"/nonexistent/openclaw.json\"" + (startTime == null ? "" : ", \"startTime\": " + startTime) + "}");
        }
        List<GatewayInfo> found = GatewayDiscovery.find(Optional.empty(), Optional.of(dir), probe);
        assertThat(found).hasSize(pids.size()).noneMatch(GatewayInfo::verified);
        for (int i = 0; i < pids.size(); i++) {
            GatewayInfo g = found.get(i);
            assertThat(g.why()).as("why for pid %s", pids.get(i)).containsAnyOf("never a gateway", "beyond this host's pid range",
                    "init process", "Lockwatch itself", "no pid");
        }
        for (GatewayInfo g : found) {
            RestartPlan plan = RestartPlanner.plan(List.of(g), SignalChoice.SIGUSR1, List.of(), pid -> null, Instant.now());
            assertThat(plan.refused()).isTrue();
            assertThat(plan.refusal()).startsWith("no verified gateway").contains(g.why());
            RestartReport report = flow(g).run(plan, RestartListener.NONE);
            assertThat(report.outcome()).isEqualTo(RestartOutcome.REFUSED);
        }
        assertThat(kills).as("kill(2) was never reached").isEmpty();
    }

    @Test
    void aPlanForgedPastDiscoveryIsStillRefusedByTheSignallerBeforeKill() throws Exception {
        long own = ProcessHandle.current().pid();
        Path audit = dir.resolve("audit.jsonl");
        for (long hostPid : new long[] {0, -1, -4242, Long.MIN_VALUE, 1, own, probe.maxPid() + 1, Long.MAX_VALUE}) {
            GatewayInfo forged = new GatewayInfo(dir.resolve("gateway.forged.lock"), hostPid, hostPid, null, Instant.now(), null, null,
                    null, null, null, null, true, "forged", "2026.7.35", "node /opt/openclaw.mjs gateway", RestartSignal.SIGUSR1, true);
            RestartPlan plan = new RestartPlan(forged, RestartSignal.SIGUSR1, List.of(), List.of(), null);
            RestartReport report = flow(forged, audit).run(plan, RestartListener.NONE);
            assertThat(report.outcome()).as("pid %d", hostPid).isEqualTo(RestartOutcome.REFUSED);
            assertThat(report.message()).as("pid %d", hostPid).startsWith("refused pid " + hostPid + ": ");
        }
        assertThat(kills).as("kill(2) was never reached").isEmpty();
        // and each refusal is in the audit log
        assertThat(AuditReader.tail(audit)).hasSize(8).allSatisfy(r -> assertThat(r.get("result").asText()).isEqualTo("refused"));
    }

    private RestartFlow flow(GatewayInfo gateway) {
        return flow(gateway, dir.resolve("audit.jsonl"));
    }

    private RestartFlow flow(GatewayInfo gateway, Path audit) {
        RestartFlow.Gateways same = new RestartFlow.Gateways() {
            @Override
            public GatewayInfo inspect(Path lockPath) {
                return gateway;
            }

            @Override
            public List<GatewayInfo> discover() {
                return new ArrayList<>(List.of(gateway));
            }
        };
        LockScanner scanner = new LockScanner(probe, new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());
        return new RestartFlow(same, RecordingSignaller.recordingInto(kills), scanner, null, new AuditLog(audit, Clock.systemUTC()),
                Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }
}
