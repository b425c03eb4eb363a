package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Strange files under a root: the scan finishes promptly, reports each, and touches nothing. */
class HostileFilesTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void scanReportsEachStrangeFileAndChangesNothing() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
        Path sessions = LockFiles.sessionsDir(root, "main");
        Path fifo = sessions.resolve("fifo.jsonl.lock");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        Path secret = LockFiles.write(outside.resolve("target.jsonl.lock"), ChildProcess.reapedPid(), Instant.now(), null);
        Path fileLink = Files.createSymbolicLink(sessions.resolve("link.jsonl.lock"), secret);
        Path loop = Files.createSymbolicLink(sessions.resolve("loop.jsonl.lock"), sessions.resolve("loop.jsonl.lock"));
        Path dirLink = Files.createSymbolicLink(root.resolve("agents").resolve("linked"), outside);
        Path dirNamedLikeALock = Files.createDirectories(sessions.resolve("x.jsonl.lock"));
        Path big = sessions.resolve("big.jsonl.lock");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        Path ordinary = LockFiles.write(sessions.resolve("dead.jsonl.lock"), ChildProcess.reapedPid(), Instant.now(), null);
        Map<Path, FileTime> before = mtimes(List.of(secret, big, ordinary));

        long started = System.nanoTime();
        ScanResult result = new LockScanner(new LinuxProcProbe(), new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC())
                .scan(List.of(root));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);

        Map<Path, LockReport> byPath = result.locks().stream().collect(Collectors.toMap(LockReport::path, Function.identity()));
        assertThat(byPath).containsOnlyKeys(fifo, fileLink, loop, dirNamedLikeALock, big, ordinary);
        for (Path strange : List.of(fifo, fileLink, loop, dirNamedLikeALock)) {
            assertThat(byPath.get(strange).verdict()).as(strange.toString()).isEqualTo(Verdict.UNREADABLE);
            assertThat(byPath.get(strange).reasons()).as(strange.toString()).containsExactly(Reason.NOT_REGULAR_FILE);
            assertThat(byPath.get(strange).removable()).isFalse();
        }
        assertThat(byPath.get(fileLink).error()).contains("symbolic link");
        assertThat(byPath.get(big).reasons()).containsExactly(Reason.TOO_LARGE);
        assertThat(byPath.get(ordinary).reasons()).containsExactly(Reason.DEAD_PID);
        // the symlinked directory was not followed: the lock outside the root was never listed
        assertThat(result.locks()).noneMatch(l -> l.path().startsWith(dirLink));
        // nothing was touched
        assertThat(Files.isSymbolicLink(fileLink) && Files.isSymbolicLink(loop) && Files.isDirectory(dirNamedLikeALock)).isTrue();
        assertThat(mtimes(List.of(secret, big, ordinary))).isEqualTo(before);
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void missingRootIsAnErrorEntryNotACrash() {
        ScanResult result = new LockScanner(new LinuxProcProbe(), new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC())
                .scan(List.of(root.resolve("nope")));
        assertThat(result.readableRoots()).isZero();
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.error()).isEqualTo("no such directory"));
    }

    @Test
    void fileThatVanishesBeforeReadingIsSimplyGone() {
        assertThat(LockFileReader.read(root.resolve("never.jsonl.lock"))).isInstanceOf(LockRead.Gone.class);
    }

    @Test
    void readsAtMost64KiB() throws Exception {
        Path exact = root.resolve("exact.jsonl.lock");
        Files.write(exact, new byte[LockFileReader.MAX_BYTES]);
        assertThat(LockFileReader.read(exact)).isInstanceOf(LockRead.Content.class);
        Path over = root.resolve("over.jsonl.lock");
        Files.write(over, new byte[LockFileReader.MAX_BYTES + 1]);
        assertThat(LockFileReader.read(over)).isInstanceOfSatisfying(LockRead.Unreadable.class,
                u -> assertThat(u.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    private static Map<Path, FileTime> mtimes(List<Path> files) throws Exception {
        Map<Path, FileTime> times = new java.util.HashMap<>();
        for (Path f : files) {
            times.put(f, Files.getLastModifiedTime(f));
        }
        return times;
    }
}
