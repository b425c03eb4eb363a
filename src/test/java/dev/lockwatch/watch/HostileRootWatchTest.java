package dev.lockwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.RootError;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live watcher against hostile paths and a root that goes away, comes back as a file, and comes back as a
 * directory: the store reports each case and ends equal to the disk. (Bursts, lost events and the periodic reconcile
 * are in {@link LockWatchServiceTest}.)
 */
class HostileRootWatchTest {
    private static final WatchSettings FAST = new WatchSettings(Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofMillis(200));

    @TempDir
    Path tmp;

    private ScheduledExecutorService scheduler;
    private LockStore store;
    private LockWatchService service;
    private long dead;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "hostile-watch-test");
            t.setDaemon(true);
            return t;
        });
        store = new LockStore(Clock.systemUTC());
        dead = ChildProcess.reapedPid();
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void aRootDeletedThenReplacedByAFileThenRecreatedIsReportedEachTimeAndWatchedAgain() throws Exception {
        Path state = tmp.resolve("state");
        Path a = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("a.jsonl.lock"), dead, Instant.now(), null);
        start(state);
        awaitUntil("the lock is in", () -> store.get(a) != null);

        deleteTree(state);
        awaitUntil("deleted: its lock leaves, the root has an error",
                () -> store.get(a) == null && store.errors().contains(new RootError(state, "no such directory")));

        Files.writeString(state, "a file now");
        awaitUntil("replaced by a file: not a directory", () -> store.errors().contains(new RootError(state, "not a directory")));
        assertThat(store.snapshot()).isEmpty();

        Files.delete(state);
        Path b = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("b.jsonl.lock"), dead, Instant.now(), null);
        awaitUntil("recreated: scanned back in, errors cleared", () -> store.get(b) != null && store.errors().isEmpty());
        Path c = LockFiles.write(state.resolve("agents/main/sessions/c.jsonl.lock"), dead, Instant.now(), null);
        awaitUntil("and watched live again", () -> store.get(c) != null);
        assertThat(store.snapshot()).extracting(LockReport::path).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void hostileEntriesAppearingLiveAreReportedAndTheWatcherKeepsWorking() throws Exception {
        Path state = tmp.resolve("state");
        Path sessions = LockFiles.sessionsDir(state, "main");
        start(state);

        Path fifo = sessions.resolve("fifo.jsonl.lock");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path outside = LockFiles.write(tmp.resolve("outside/secret.jsonl.lock"), dead, Instant.now(), null);
        Path link = Files.createSymbolicLink(sessions.resolve("link.jsonl.lock"), outside);
        Path loop = Files.createSymbolicLink(sessions.resolve("loop.jsonl.lock"), sessions.resolve("loop.jsonl.lock"));
        Path dir = Files.createDirectories(sessions.resolve("dir.jsonl.lock"));
        Path newline = LockFiles.write(sessions.resolve("new\nline\u001b[2J.jsonl.lock"), dead, Instant.now(), null);
        Path socket = sessions.resolve("socket.jsonl.lock");
        try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<Path> strange = List.of(fifo, link, loop, dir, socket);
            awaitUntil("every strange entry is in the store as unreadable",
                    () -> strange.stream().allMatch(p -> store.get(p) != null && store.get(p).verdict() == Verdict.UNREADABLE));
            assertThat(strange).allSatisfy(p -> assertThat(store.get(p).reasons()).containsExactly(Reason.NOT_REGULAR_FILE));
            awaitUntil("the hostile name is read as an ordinary lock", () -> store.get(newline) != null
                    && store.get(newline).reasons().equals(List.of(Reason.DEAD_PID)));
            assertThat(store.snapshot()).noneMatch(r -> r.path().startsWith(tmp.resolve("outside")));
            Path after = LockFiles.write(sessions.resolve("after.jsonl.lock"), dead, Instant.now(), null);
            awaitUntil("the watcher still works", () -> store.get(after) != null);
        }
        awaitUntil("the closed socket's file stays reported until it is deleted", () -> store.get(socket) != null);
        Files.delete(socket);
        Files.delete(fifo);
        awaitUntil("and leaves when it is", () -> store.get(socket) == null && store.get(fifo) == null);
    }

    private void start(Path root) {
        LockScanner scanner = new LockScanner(ProcessProbes.forThisPlatform(), new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());
        service = new LockWatchService(scanner, store, scheduler, FAST);
        service.start(List.of(root));
        awaitUntil("the initial scan is done", () -> !service.state().scanning());
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
