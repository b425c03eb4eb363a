package dev.lockwatch.lock;

import static dev.lockwatch.lock.Reason.DEAD_PID;
import static dev.lockwatch.lock.Reason.HOLD_EXCEEDED;
import static dev.lockwatch.lock.Reason.INVALID_CREATED_AT;
import static dev.lockwatch.lock.Reason.MISSING_PID;
import static dev.lockwatch.lock.Reason.NON_OPENCLAW_OWNER;
import static dev.lockwatch.lock.Reason.NOT_HELD_OPEN;
import static dev.lockwatch.lock.Reason.RECYCLED_PID;
import static dev.lockwatch.lock.Reason.TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenClaw's reason table, built from real files and real processes (Linux /proc). */
class ReasonTableTest {
    @TempDir
    Path state;

    private final LinuxProcProbe probe = new LinuxProcProbe();

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    }

    private Path lock(String session) throws IOException {
        return LockFiles.sessionsDir(state, "main").resolve(session + ".jsonl.lock");
    }

    private LockReport judge(Path file) {
        return judge(file, JudgeSettings.DEFAULTS, null);
    }

    private LockReport judge(Path file, JudgeSettings settings, GatewayContext gateway) {
        return new Judge(settings).judge(file, state, LockFileReader.read(file), Instant.now(), probe.snapshot(), gateway);
    }

    @Test
    void openClawProcessHoldingTheFileOpenIsLive() throws Exception {
        Path file = LockFiles.write(lock("live"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(file)) {
            LockFiles.write(file, holder.pid(), Instant.now(), holder.starttime());
            LockReport report = judge(file);
            assertThat(report.verdict()).isEqualTo(Verdict.LIVE);
            assertThat(report.reasons()).isEmpty();
            assertThat(report.removable()).isFalse();
            assertThat(report.holder().holdsOpen()).isTrue();
            assertThat(report.holder().hostPid()).isEqualTo(holder.pid());
            assertThat(report.holder().pidNamespace()).isEqualTo("same");
            assertThat(report.holder().starttime()).isEqualTo(holder.starttime());
            assertThat(report.holder().command()).contains("openclaw.mjs");
            assertThat(report.session()).isEqualTo("live");
            assertThat(report.agent()).isEqualTo("main");
        }
    }

    @Test
    void reapedChildIsDeadPid() throws Exception {
        Path file = LockFiles.write(lock("dead"), ChildProcess.reapedPid(), Instant.now(), null);
        LockReport report = judge(file);
        assertThat(report.verdict()).isEqualTo(Verdict.STALE);
        assertThat(report.reasons()).containsExactly(DEAD_PID);
        assertThat(report.removable()).isTrue();
        assertThat(report.holder().alive()).isFalse();
    }

    @Test
    void zombieCountsAsDead() throws Exception {
        // bash forks a short sleep, then becomes a long `sleep`, which never reaps its child: a zombie once it exits.
        try (ChildProcess parent = ChildProcess.bash("sleep 0.3 & echo $!; exec sleep 600")) {
            long zombie = Long.parseLong(parent.firstLine().trim());
            waitForState(zombie, 'Z');
            Path file = LockFiles.write(lock("zombie"), zombie, Instant.now(), null);
            assertThat(judge(file).reasons()).containsExactly(DEAD_PID);
        }
    }

    @Test
    void wrongStarttimeOnLivePidIsRecycled() throws Exception {
        Path file = LockFiles.write(lock("recycled"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(file)) {
            LockFiles.write(file, holder.pid(), Instant.now(), holder.starttime() + 1);
            LockReport report = judge(file);
            assertThat(report.verdict()).isEqualTo(Verdict.STALE);
            assertThat(report.reasons()).containsExactly(RECYCLED_PID);
            assertThat(report.removable()).isTrue();
        }
    }

    @Test
    void oldLockIsTooOldAndReportOnly() throws Exception {
        Path file = LockFiles.write(lock("old"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(file)) {
            LockFiles.write(file, holder.pid(), Instant.now().minus(Duration.ofMinutes(31)), holder.starttime());
            LockReport report = judge(file);
            assertThat(report.verdict()).isEqualTo(Verdict.STALE);
            assertThat(report.reasons()).containsExactly(TOO_OLD);
            assertThat(report.removable()).isFalse();
            // the threshold is a setting
            assertThat(judge(file, new JudgeSettings(Duration.ofHours(1)), null).verdict()).isEqualTo(Verdict.LIVE);
        }
    }

    @Test
    void holdBeyondMaxHoldMsIsHoldExceeded() throws Exception {
        Path file = LockFiles.write(lock("held"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(file)) {
            LockFiles.write(file, "{\"pid\": " + holder.pid() + ", \"createdAt\": \"" + Instant.now().minusSeconds(10)
                    + "\", \"maxHoldMs\": 5000, \"starttime\": " + holder.starttime() + "}");
            LockReport report = judge(file);
            assertThat(report.reasons()).containsExactly(HOLD_EXCEEDED);
            assertThat(report.removable()).isFalse();
        }
    }

    @Test
    void processThatIsNotOpenClawIsNonOpenClawOwner() throws Exception {
        try (ChildProcess other = ChildProcess.bash("echo ready; read -r _")) {
            Path file = LockFiles.write(lock("foreign"), other.pid(), Instant.now(), other.starttime());
            LockReport report = judge(file);
            assertThat(report.verdict()).isEqualTo(Verdict.STALE);
            assertThat(report.reasons()).containsExactly(NON_OPENCLAW_OWNER);
            assertThat(report.removable()).isTrue();
        }
    }

    @Test
    void foreignProcessHoldingTheFileOpenIsNeverRemovable() throws Exception {
        Path file = LockFiles.write(lock("foreign-open"), "{}");
        try (ChildProcess other = ChildProcess.plainHolding(file)) {
            LockFiles.write(file, other.pid(), Instant.now(), other.starttime());
            LockReport report = judge(file);
            assertThat(report.reasons()).containsExactly(NON_OPENCLAW_OWNER);
            assertThat(report.holder().holdsOpen()).isTrue();
            assertThat(report.removable()).isFalse();
        }
    }

    @Test
    void liveOpenClawHolderWithoutTheFileOpenIsOrphaned() throws Exception {
        try (ChildProcess idle = ChildProcess.openClawIdle()) {
            Path file = LockFiles.write(lock("orphan"), idle.pid(), Instant.now(), idle.starttime());
            LockReport report = judge(file);
            assertThat(report.verdict()).isEqualTo(Verdict.ORPHANED);
            assertThat(report.reasons()).containsExactly(NOT_HELD_OPEN);
            assertThat(report.removable()).isTrue();
            assertThat(report.holder().holdsOpen()).isFalse();
        }
    }

    @Test
    void futureCreatedAtIsAgeZero() throws Exception {
        Path file = LockFiles.write(lock("future"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(file)) {
            LockFiles.write(file, holder.pid(), Instant.now().plus(Duration.ofDays(3)), holder.starttime());
            LockReport report = judge(file);
            assertThat(report.verdict()).isEqualTo(Verdict.LIVE);
            assertThat(report.ageMs()).isZero();
        }
    }

    @Test
    void integralFloatPidIsAValidPid() throws Exception {
        Path file = LockFiles.write(lock("float-int"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(file)) {
            LockFiles.write(file, holder.pid() + ".0", Instant.now(), holder.starttime());
            assertThat(judge(file).verdict()).isEqualTo(Verdict.LIVE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"4242\"", "0", "-5", "1.5", "null", "true", "[1]"})
    void pidThatIsNotAPositiveIntegerIsMissingPid(String pid) throws Exception {
        Path file = LockFiles.write(lock("badpid"), pid, Instant.now(), null);
        LockReport report = judge(file);
        assertThat(report.verdict()).isEqualTo(Verdict.STALE);
        assertThat(report.reasons()).containsExactly(MISSING_PID);
        assertThat(report.pid()).isNull();
        // a fresh file may still be being written: OpenClaw reclaims it only once its mtime is old
        assertThat(report.removable()).isFalse();
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        assertThat(judge(file).removable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "[1,2,3]", "\"text\"", "42", "{\"pid\": 5", "\uFEFF{}"})
    void payloadThatIsNotAnObjectIsMissingPidAndInvalidCreatedAt(String content) throws Exception {
        Path file = LockFiles.write(lock("junk"), content);
        LockReport report = judge(file);
        assertThat(report.verdict()).isEqualTo(Verdict.STALE);
        assertThat(report.reasons()).containsExactly(MISSING_PID, INVALID_CREATED_AT);
        assertThat(report.ageMs()).isNull();
    }

    @Test
    void bomBeforeValidJsonIsInvalidAsInNode() throws Exception {
        Path file = lock("bom");
        Files.createDirectories(file.getParent());
        byte[] json = LockFiles.payload(ChildProcess.reapedPid(), Instant.now(), null).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        Files.write(file, withBom);
        assertThat(judge(file).reasons()).containsExactly(MISSING_PID, INVALID_CREATED_AT);
    }

    @Test
    void unparseableCreatedAtOnLiveHolder() throws Exception {
        Path file = LockFiles.write(lock("baddate"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(file)) {
            LockFiles.write(file, "{\"pid\": " + holder.pid() + ", \"createdAt\": \"yesterday\", \"starttime\": "
                    + holder.starttime() + "}");
            LockReport report = judge(file);
            assertThat(report.reasons()).containsExactly(INVALID_CREATED_AT);
            assertThat(report.removable()).isFalse(); // held open, and fresh
        }
    }

    @Test
    void deadPidTooOldAndHoldExceededTogetherInOpenClawsOrder() throws Exception {
        Path file = LockFiles.write(lock("combo"), "{\"pid\": " + ChildProcess.reapedPid() + ", \"createdAt\": \""
                + Instant.now().minus(Duration.ofHours(2)) + "\", \"maxHoldMs\": 300000}");
        LockReport report = judge(file);
        assertThat(report.reasons()).containsExactly(DEAD_PID, TOO_OLD, HOLD_EXCEEDED);
        assertThat(report.removable()).isTrue();
    }

    @Test
    void missingPidAndTooOldKeepTheirOrder() throws Exception {
        Path file = LockFiles.write(lock("nopid-old"), "{\"createdAt\": \"" + Instant.now().minus(Duration.ofHours(2)) + "\"}");
        assertThat(judge(file).reasons()).containsExactly(MISSING_PID, TOO_OLD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "18446744073709551616", "1e30"})
    void pidBeyondThePlatformRangeIsDead(String pid) throws Exception {
        Path file = LockFiles.write(lock("huge"), pid, Instant.now(), null);
        LockReport report = judge(file);
        assertThat(report.reasons()).containsExactly(DEAD_PID);
        assertThat(report.pid()).isNotNull();
    }

    @Test
    void lockTakenBeforeTheGatewayRestartAndNotHeldIsOrphaned() throws Exception {
        try (ChildProcess gateway = ChildProcess.openClawIdle()) {
            Instant created = Instant.now().minusSeconds(30);
            Path file = LockFiles.write(lock("pre-restart"), gateway.pid(), created, gateway.starttime());
            GatewayContext restarted = GatewayContext.of(gateway.pid(), created.plusSeconds(10));
            LockReport report = judge(file, JudgeSettings.DEFAULTS, restarted);
            assertThat(report.verdict()).isEqualTo(Verdict.ORPHANED);
            assertThat(report.reasons()).containsExactly(NOT_HELD_OPEN, Reason.PREDATES_GATEWAY_RESTART);
        }
    }

    @Test
    void lockHeldOpenAcrossTheRestartStaysLiveWithANote() throws Exception {
        Path file = LockFiles.write(lock("held-over"), "{}");
        try (ChildProcess gateway = ChildProcess.openClawHolding(file)) {
            Instant created = Instant.now().minusSeconds(30);
            LockFiles.write(file, gateway.pid(), created, gateway.starttime());
            LockReport report = judge(file, JudgeSettings.DEFAULTS, GatewayContext.of(gateway.pid(), created.plusSeconds(10)));
            assertThat(report.verdict()).isEqualTo(Verdict.LIVE);
            assertThat(report.removable()).isFalse();
            assertThat(report.note()).startsWith("held-over-restart");
        }
    }

    private static void waitForState(long pid, char state) throws Exception {
        for (int i = 0; i < 200; i++) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            if (stat.charAt(stat.lastIndexOf(')') + 2) == state) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("pid " + pid + " never reached state " + state);
    }

}
