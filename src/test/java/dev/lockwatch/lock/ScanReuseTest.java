package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ProcessState;
import dev.lockwatch.testing.LockFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconcile's shortcut (unchanged files are not read again) and the holder lookup that skips the /proc walk. */
class ScanReuseTest {
    @TempDir
    Path state;

    private final LockScanner scanner = new LockScanner(new LinuxProcProbe(), new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());

    @Test
    void unchangedFilesAreReusedAndChangedOnesReadAgain() throws Exception {
        Path sessions = LockFiles.sessionsDir(state, "main");
        Path same = LockFiles.write(sessions.resolve("same.jsonl.lock"), 4_000_000, Instant.now(), 1L);
        Path rewritten = LockFiles.write(sessions.resolve("rewritten.jsonl.lock"), 4_000_000, Instant.now(), 1L);
        Path touched = LockFiles.write(sessions.resolve("touched.jsonl.lock"), 4_000_000, Instant.now(), 1L);
        Map<Path, LockReport> before = byPath(scanner.scan(List.of(state)).locks());

        LockFiles.write(rewritten, "{\"pid\":4000001,\"createdAt\":\"2026-01-01T00:00:00Z\"}"); // another size
        Files.setLastModifiedTime(touched, FileTime.from(Instant.now().plusSeconds(5))); // same size, another mtime
        Path added = LockFiles.write(sessions.resolve("added.jsonl.lock"), 4_000_000, Instant.now(), 1L);
        Map<Path, LockReport> after = byPath(scanner.scan(List.of(state), before::get).locks());

        assertThat(after.get(same)).isSameAs(before.get(same));
        assertThat(after.get(rewritten)).isNotSameAs(before.get(rewritten));
        assertThat(after.get(rewritten).payload().pid()).hasToString("4000001");
        assertThat(after.get(touched)).isNotSameAs(before.get(touched));
        assertThat(after.get(added)).isNotNull();
    }

    @Test
    void unreadableFilesAreAlwaysReadAgain() throws Exception {
        Path file = LockFiles.sessionsDir(state, "main").resolve("big.jsonl.lock");
        Files.write(file, new byte[LockFileReader.MAX_BYTES + 1]);
        Map<Path, LockReport> before = byPath(scanner.scan(List.of(state)).locks());
        assertThat(before.get(file).verdict()).isEqualTo(Verdict.UNREADABLE);
        Function<Path, LockReport> known = before::get;
        assertThat(scanner.scan(List.of(state), known).locks().get(0)).isNotSameAs(before.get(file));
    }

    @Test
    void aLiveHolderWithItsStarttimeIsResolvedWithoutWalkingEveryProcess() throws Exception {
        AtomicInteger walks = new AtomicInteger();
        ProcessProbe counting = new CountingProbe(new LinuxProcProbe(), walks);
        LockScanner counted = new LockScanner(counting, new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());
        long self = ProcessHandle.current().pid();
        long starttime = dev.lockwatch.testing.ChildProcess.starttimeOf(self);
        Path sessions = LockFiles.sessionsDir(state, "main");
        Path ours = LockFiles.write(sessions.resolve("ours.jsonl.lock"), self, Instant.now(), starttime);
        counted.rejudge(ours, state);
        assertThat(walks).hasValue(0);

        Path wrongStart = LockFiles.write(sessions.resolve("other.jsonl.lock"), self, Instant.now(), starttime + 1);
        counted.rejudge(wrongStart, state); // might be a container's pid: the namespaces must be searched
        assertThat(walks).hasValue(1);
    }

    private static Map<Path, LockReport> byPath(List<LockReport> reports) {
        return reports.stream().collect(Collectors.toMap(LockReport::path, r -> r));
    }

    private record CountingProbe(ProcessProbe delegate, AtomicInteger walks) implements ProcessProbe {
        @Override
        public long maxPid() {
            return delegate.maxPid();
        }

        @Override
        public ProcessState state(long pid) {
            return delegate.state(pid);
        }

        @Override
        public Set<FileIdentity> openFiles(long pid) {
            return delegate.openFiles(pid);
        }

        @Override
        public Map<Long, List<Long>> nestedPidIndex() {
            walks.incrementAndGet();
            return delegate.nestedPidIndex();
        }

        @Override
        public Set<Long> holdersOf(FileIdentity identity) {
            return delegate.holdersOf(identity);
        }
    }
}
