package dev.lockwatch.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removal with real files and real holder processes. */
class SafeRemoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;
    @TempDir
    Path data;

    private final LockScanner scanner = new LockScanner(new LinuxProcProbe(), new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
    }

    private AuditLog audit() {
        return new AuditLog(data.resolve("audit.jsonl"), Clock.systemUTC());
    }

    private Path lock(String name) throws Exception {
        return LockFiles.sessionsDir(state, "main").resolve(name + ".jsonl.lock");
    }

    private LockReport judged(Path file) {
        return scanner.rejudge(file, state);
    }

    private List<JsonNode> auditLines() throws Exception {
        if (!Files.exists(data.resolve("audit.jsonl"))) {
            return List.of(); // nothing was attempted beyond keeping
        }
        return Files.readAllLines(data.resolve("audit.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void removesAStaleLockAndAuditsIt() throws Exception {
        Path file = LockFiles.write(lock("dead"), ChildProcess.reapedPid(), Instant.now(), null);
        Removal r = new SafeRemover(scanner, new CleanPolicy(false, false), audit()).remove(judged(file), false);
        assertThat(r.outcome()).isEqualTo(Removal.Outcome.REMOVED);
        assertThat(file).doesNotExist();
        assertThat(Files.list(file.getParent())).isEmpty(); // nothing left aside
        JsonNode line = auditLines().get(0);
        assertThat(line.get("action").asText()).isEqualTo("remove-lock");
        assertThat(line.get("path").asText()).isEqualTo(file.toString());
        assertThat(line.get("result").asText()).isEqualTo("removed");
        assertThat(line.get("reasons").get(0).asText()).isEqualTo("dead-pid");
    }

    @Test
    void dryRunRemovesNothing() throws Exception {
        Path file = LockFiles.write(lock("dry"), ChildProcess.reapedPid(), Instant.now(), null);
        Removal r = new SafeRemover(scanner, new CleanPolicy(true, true), audit()).remove(judged(file), true);
        assertThat(r.outcome()).isEqualTo(Removal.Outcome.WOULD_REMOVE);
        assertThat(file).exists();
    }

    @Test
    void neverRemovesALiveLockWhateverTheFlags() throws Exception {
        Path file = LockFiles.write(lock("live"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(file)) {
            LockFiles.write(file, holder.pid(), Instant.now().minus(Duration.ofHours(2)), holder.starttime());
            LockReport report = judged(file);
            assertThat(report.verdict()).isEqualTo(Verdict.STALE); // too-old, but held open
            Removal r = new SafeRemover(scanner, new CleanPolicy(true, true), audit()).remove(report, false);
            assertThat(r.outcome()).isEqualTo(Removal.Outcome.KEPT);
            assertThat(r.detail()).contains("still holds it open");
            assertThat(file).exists();
        }
    }

    @Test
    void orphanedOnlyWhenAsked() throws Exception {
        try (ChildProcess idle = ChildProcess.openClawIdle()) {
            Path file = LockFiles.write(lock("orphan"), idle.pid(), Instant.now(), idle.starttime());
            LockReport report = judged(file);
            assertThat(report.verdict()).isEqualTo(Verdict.ORPHANED);
            assertThat(new SafeRemover(scanner, new CleanPolicy(false, false), audit()).remove(report, false).outcome())
                    .isEqualTo(Removal.Outcome.KEPT);
            assertThat(file).exists();
            assertThat(new SafeRemover(scanner, new CleanPolicy(true, false), audit()).remove(report, false).outcome())
                    .isEqualTo(Removal.Outcome.REMOVED);
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void reportOnlyStaleLocksStayUnlessForced() throws Exception {
        try (ChildProcess idleButOld = ChildProcess.openClawIdle()) {
            // too-old with a live OpenClaw holder that does not hold it open: stale, report-only
            Path file = LockFiles.write(lock("old"), idleButOld.pid(), Instant.now().minus(Duration.ofHours(1)), idleButOld.starttime());
            LockReport report = judged(file);
            assertThat(report.reasons()).extracting(Enum::name).containsExactly("TOO_OLD");
            assertThat(new SafeRemover(scanner, new CleanPolicy(true, false), audit()).remove(report, false).outcome())
                    .isEqualTo(Removal.Outcome.KEPT);
            assertThat(new SafeRemover(scanner, new CleanPolicy(false, true), audit()).remove(report, false).outcome())
                    .isEqualTo(Removal.Outcome.REMOVED);
        }
    }

    @Test
    void aLockRewrittenAfterJudgingIsNotRemoved() throws Exception {
        Path file = LockFiles.write(lock("rewritten"), ChildProcess.reapedPid(), Instant.now(), null);
        LockReport report = judged(file);
        try (ChildProcess newHolder = ChildProcess.openClawHolding(file)) {
            String fresh = LockFiles.payload(newHolder.pid(), Instant.now(), newHolder.starttime());
            LockFiles.write(file, fresh); // the gateway took the session again
            Removal r = new SafeRemover(scanner, new CleanPolicy(true, true), audit()).remove(report, false);
            assertThat(r.outcome()).isEqualTo(Removal.Outcome.CHANGED);
            assertThat(Files.readString(file)).isEqualTo(fresh);
            assertThat(auditLines().get(0).get("result").asText()).isEqualTo("changed");
        }
    }

    @Test
    void aLockThatKeepsChangingIsNeverRemoved() throws Exception {
        Path file = LockFiles.write(lock("busy"), ChildProcess.reapedPid(), Instant.now(), null);
        long deadPid = ChildProcess.reapedPid();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong version = new AtomicLong();
        Thread writer = new Thread(() -> {
            while (running.get()) {
                try {
                    // every version is stale (dead pid) but different: any removal would hit a changed file
                    LockFiles.write(file, deadPid, Instant.ofEpochMilli(1_700_000_000_000L + version.incrementAndGet()), null);
                } catch (Exception e) {
                    // the file was moved aside for a moment: write again
                }
            }
        }, "rewriter");
        writer.start();
        SafeRemover remover = new SafeRemover(scanner, new CleanPolicy(true, true), audit());
        int removed = 0;
        try {
            for (int i = 0; i < 300; i++) {
                LockReport report = judged(file);
                if (report == null) {
                    continue;
                }
                Removal r = remover.remove(report, false);
                if (r.outcome() == Removal.Outcome.REMOVED) {
                    removed++;
                    // a removal is allowed only of exactly what was judged; the writer recreates the file
                }
                assertThat(r.outcome()).isIn(Removal.Outcome.REMOVED, Removal.Outcome.CHANGED, Removal.Outcome.FAILED, Removal.Outcome.KEPT);
            }
        } finally {
            running.set(false);
            writer.join();
        }
        // every audited removal names content that was judged: the audit log is complete and parseable
        assertThat(auditLines()).allSatisfy(l -> assertThat(l.get("result").asText()).isIn("removed", "changed", "failed"));
        assertThat(auditLines().stream().filter(l -> l.get("result").asText().equals("removed")).count()).isEqualTo(removed);
    }
}
