package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental re-judge against the full one, with real files, real processes and a clock the test moves:
 * what it skips must be exactly what a full re-judge would leave unchanged.
 */
class RejudgerTest {
    @TempDir
    Path state;

    private final MovableClock clock = new MovableClock(Instant.now());
    private final LockScanner scanner = new LockScanner(new LinuxProcProbe(), new Judge(JudgeSettings.DEFAULTS), clock);
    private final Rejudger rejudger = new Rejudger(scanner);
    /** Stands in for the store: path -> current report, updated as the watch service does. */
    private final Map<Path, LockReport> store = new LinkedHashMap<>();

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    }

    @Test
    void aQuietSetIsJudgedOnceThenSkipped() throws Exception {
        try (ChildProcess holder = ChildProcess.openClawIdle()) {
            for (int i = 0; i < 20; i++) {
                write("s" + i, holder.pid(), clock.instant().minus(Duration.ofMinutes(i)), holder.starttime());
            }
            scanIntoStore();
            assertThat(rejudge()).hasSize(20); // first pass: nothing is known yet
            clock.advance(Duration.ofSeconds(2));
            assertThat(rejudge()).isEmpty();
            assertAgreesWithFullRejudge();
        }
    }

    @Test
    void aHolderThatDiesHasItsLocksJudgedAgain() throws Exception {
        try (ChildProcess stays = ChildProcess.openClawIdle()) {
            ChildProcess dies = ChildProcess.openClawIdle();
            write("stays", stays.pid(), clock.instant(), stays.starttime());
            write("dies-1", dies.pid(), clock.instant(), dies.starttime());
            write("dies-2", dies.pid(), clock.instant(), dies.starttime());
            scanIntoStore();
            rejudge();
            dies.close();
            clock.advance(Duration.ofSeconds(2));
            List<LockReport> changed = rejudge();
            assertThat(changed).extracting(LockReport::session).containsExactlyInAnyOrder("dies-1", "dies-2");
            assertThat(changed).allSatisfy(r -> assertThat(r.reasons()).contains(Reason.DEAD_PID));
            assertAgreesWithFullRejudge();
        }
    }

    @Test
    void crossingTheStaleThresholdOrMaxHoldIsNoticedWithoutAnyOtherChange() throws Exception {
        try (ChildProcess holder = ChildProcess.openClawIdle()) {
            Instant start = clock.instant();
            write("old-soon", holder.pid(), start.minus(Duration.ofMinutes(30)).plusSeconds(5), holder.starttime());
            LockFiles.write(lockPath("held-long"), "{\"pid\":" + holder.pid() + ",\"createdAt\":\"" + start + "\",\"starttime\":"
                    + holder.starttime() + ",\"maxHoldMs\":60000}");
            write("young", holder.pid(), start, holder.starttime());
            scanIntoStore();
            rejudge();
            clock.advance(Duration.ofSeconds(4));
            assertThat(rejudge()).isEmpty();
            clock.advance(Duration.ofSeconds(2)); // 30 min + 1 s old
            assertThat(rejudge()).extracting(LockReport::session).containsExactly("old-soon");
            assertThat(store.get(lockPath("old-soon")).reasons()).contains(Reason.TOO_OLD);
            clock.advance(Duration.ofSeconds(60)); // held-long passes its maxHoldMs
            assertThat(rejudge()).extracting(LockReport::session).containsExactly("held-long");
            assertThat(store.get(lockPath("held-long")).reasons()).contains(Reason.HOLD_EXCEEDED);
            assertAgreesWithFullRejudge();
        }
    }

    @Test
    void aLockThatStopsBeingHeldOpenIsJudgedAgain() throws Exception {
        Path file = LockFiles.write(lockPath("released"), "{}");
        // holds the file on fd 3 until told, then keeps running without it
        try (ChildProcess holder = ChildProcess.bash("exec 3<\"$1\"; echo ready; read -r _; exec 3<&-; echo closed; read -r _",
                "/opt/openclaw/openclaw.mjs", file.toString(), "gateway")) {
            LockFiles.write(file, holder.pid(), clock.instant(), holder.starttime());
            scanIntoStore();
            rejudge();
            assertThat(store.get(file).verdict()).isEqualTo(Verdict.LIVE);
            var stdin = holder.process().getOutputStream();
            stdin.write("\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.process().getInputStream())).readLine())
                    .isEqualTo("closed");
            clock.advance(Duration.ofSeconds(2));
            assertThat(rejudge()).extracting(LockReport::session).containsExactly("released");
            assertThat(store.get(file).verdict()).isEqualTo(Verdict.ORPHANED);
            assertThat(store.get(file).reasons()).contains(Reason.NOT_HELD_OPEN);
        }
    }

    @Test
    void aReportReplacedByAFileEventIsJudgedAfreshEvenWhenNothingElseChanged() throws Exception {
        try (ChildProcess holder = ChildProcess.openClawIdle()) {
            Path file = write("rewritten", holder.pid(), clock.instant(), holder.starttime());
            scanIntoStore();
            rejudge();
            store.put(file, scanner.rejudge(file, state)); // what a file event does
            assertThat(rejudge()).extracting(LockReport::session).containsExactly("rewritten");
            assertThat(rejudge()).isEmpty();
        }
    }

    @Test
    void aGatewayRestartIsNoticedWithoutAnyFileChange() throws Exception {
        try (ChildProcess gateway = ChildProcess.openClawIdle()) {
            Map<Long, Instant> restarts = new java.util.concurrent.ConcurrentHashMap<>();
            LockScanner withGateway = scanner.withGateway(() -> new GatewayContext(restarts));
            Rejudger withContext = new Rejudger(withGateway);
            Path file = write("before-restart", gateway.pid(), clock.instant().minusSeconds(10), gateway.starttime());
            store.put(file, withGateway.rejudge(file, state));
            assertThat(withContext.rejudge(store.values())).hasSize(1).first()
                    .satisfies(r -> assertThat(r.reasons()).doesNotContain(Reason.PREDATES_GATEWAY_RESTART));
            restarts.put(gateway.pid(), clock.instant());
            List<LockReport> changed = withContext.rejudge(store.values());
            assertThat(changed).hasSize(1);
            assertThat(changed.get(0).reasons()).contains(Reason.PREDATES_GATEWAY_RESTART);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private Path lockPath(String session) throws IOException {
        return LockFiles.sessionsDir(state, "main").resolve(session + ".jsonl.lock");
    }

    private Path write(String session, long pid, Instant createdAt, long starttime) throws IOException {
        return LockFiles.write(lockPath(session), pid, createdAt, starttime);
    }

    private void scanIntoStore() {
        store.clear();
        scanner.scan(List.of(state)).locks().forEach(r -> store.put(r.path(), r));
    }

    private List<LockReport> rejudge() {
        List<LockReport> changed = rejudger.rejudge(List.copyOf(store.values()));
        changed.forEach(r -> store.put(r.path(), r));
        return changed;
    }

    /** Every stored report says what a full re-judge says now. */
    private void assertAgreesWithFullRejudge() {
        for (LockReport full : scanner.rejudgeAll(store.values())) {
            assertThat(store.get(full.path()).sameAs(full)).as(full.session()).isTrue();
        }
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
