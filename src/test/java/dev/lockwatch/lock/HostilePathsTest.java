package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths {@link HostileFilesTest} does not cover: a socket, a device node, names with newlines, terminal escapes and
 * Markdown/HTML, and a root that is deleted, replaced by a file and recreated. (FIFO, symlinks out of the root,
 * symlink loops, a directory named like a lock and the sparse file are in {@link HostileFilesTest}.)
 */
class HostilePathsTest {
    @TempDir
    Path root;

    private LockScanner scanner;
    private long dead;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
        scanner = new LockScanner(ProcessProbes.forThisPlatform(), new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());
        dead = ChildProcess.reapedPid();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aSocketAndADeviceNodeAreUnreadableAndNeverOpened() throws Exception {
        Path sessions = LockFiles.sessionsDir(root, "main");
        Path socket = sessions.resolve("socket.jsonl.lock");
        try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Path device = sessions.resolve("device.jsonl.lock");
            boolean root = "root".equals(System.getProperty("user.name"));
            boolean made = root && new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start().waitFor() == 0; // /dev/null's numbers

            ScanResult result = scanner.scan(List.of(this.root));
            Map<Path, LockReport> byPath = result.locks().stream().collect(Collectors.toMap(LockReport::path, Function.identity()));
            assertThat(byPath.get(socket).verdict()).isEqualTo(Verdict.UNREADABLE);
            assertThat(byPath.get(socket).reasons()).containsExactly(Reason.NOT_REGULAR_FILE);
            if (made) {
                assertThat(byPath.get(device).verdict()).isEqualTo(Verdict.UNREADABLE);
                assertThat(byPath.get(device).reasons()).containsExactly(Reason.NOT_REGULAR_FILE);
                assertThat(byPath.get(device).error()).contains("FIFO, socket or device");
            }
            assertThat(result.locks()).allMatch(l -> !l.removable());
            assertThat(result.errors()).isEmpty();
            assumeTrue(made, "a device node needs root (mknod): the socket was checked, the device was not");
        }
    }

    @Test
    void namesWithNewlinesEscapesAndMarkupAreReportedUnderTheirExactNames() throws Exception {
        Path sessions = LockFiles.sessionsDir(root, "main");
        List<String> names = List.of("two\nlines", "esc\u001b[2J\u001b]0;x\u0007", "c1\u009b31m", "md [a](javascript:x) <b>*_`|#",
                "bidi\u202egnp", "tab\there", " leading space", "unicode-\u00e9\u4e2d\ud83d\ude00");
        for (String name : names) {
            LockFiles.write(sessions.resolve(name + ".jsonl.lock"), dead, Instant.now(), null);
        }
        ScanResult result = scanner.scan(List.of(root));
        assertThat(result.locks()).extracting(LockReport::session).containsExactlyInAnyOrderElementsOf(names);
        assertThat(result.locks()).allSatisfy(l -> {
            assertThat(l.verdict()).isEqualTo(Verdict.STALE);
            assertThat(l.reasons()).containsExactly(Reason.DEAD_PID);
            assertThat(l.agent()).isEqualTo("main");
        });
    }

    @Test
    void aRootDeletedReplacedByAFileAndRecreatedIsReportedEachTime() throws Exception {
        Path state = root.resolve("state");
        Path lock = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("a.jsonl.lock"), dead, Instant.now(), null);
        assertThat(scanner.scan(List.of(state)).locks()).extracting(LockReport::path).containsExactly(lock);

        deleteTree(state);
        ScanResult gone = scanner.scan(List.of(state));
        assertThat(gone.locks()).isEmpty();
        assertThat(gone.readableRoots()).isZero();
        assertThat(gone.errors()).containsExactly(new RootError(state, "no such directory"));

        Files.writeString(state, "not a directory");
        ScanResult file = scanner.scan(List.of(state));
        assertThat(file.readableRoots()).isZero();
        assertThat(file.errors()).containsExactly(new RootError(state, "not a directory"));

        Files.delete(state);
        Path back = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("b.jsonl.lock"), dead, Instant.now(), null);
        ScanResult again = scanner.scan(List.of(state));
        assertThat(again.errors()).isEmpty();
        assertThat(again.locks()).extracting(LockReport::path).containsExactly(back);
    }

    static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
