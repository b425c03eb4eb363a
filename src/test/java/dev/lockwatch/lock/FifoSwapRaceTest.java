package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.testing.LockFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock that a hostile user keeps swapping between a regular file and a FIFO (atomic renames of hard links, so both
 * inodes live on): every read and every scan finishes, a FIFO is never read as content, and the regular file is
 * read whole. Before {@link BoundedIo}, one lost race blocked {@code open(2)} for ever and the scan with it.
 */
class FifoSwapRaceTest {
    private static final Duration LIMIT = Duration.ofMillis(200);

    @TempDir
    Path root;

    private Path fifo;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux (mkfifo, FIFO open semantics)");
        BoundedIo.setLimit(LIMIT);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fifo != null && Files.exists(fifo)) {
            // release any reader still blocked on the FIFO: opening it read-write never blocks on Linux
            try (FileChannel ignored = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        BoundedIo.setLimit(Duration.ofSeconds(2));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readsAndScansAlwaysFinishWhileALockIsSwappedWithAFifo() throws Exception {
        Path sessions = LockFiles.sessionsDir(root, "main");
        Path lock = sessions.resolve("swap.jsonl.lock");
        String payload = LockFiles.payload(4242, Instant.now(), null);
        Path regular = LockFiles.write(root.resolve("regular"), payload);
        fifo = root.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Files.copy(regular, lock);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger swaps = new AtomicInteger();
        Thread racer = new Thread(() -> {
            Path tmp = sessions.resolve(".swap.tmp");
            while (running.get()) {
                try {
                    Path source = swaps.incrementAndGet() % 2 == 0 ? regular : fifo;
                    Files.deleteIfExists(tmp);
                    Files.createLink(tmp, source);
                    Files.move(tmp, lock, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    // keep racing
                }
            }
        }, "fifo-racer");
        racer.start();

        LockScanner scanner = new LockScanner(ProcessProbes.forThisPlatform(), new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());
        int reads = 0;
        int contents = 0;
        int notRegular = 0;
        int givenUp = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        try {
            while (reads < 3000 && System.nanoTime() < deadline) {
                long started = System.nanoTime();
                LockRead read = LockFileReader.read(lock);
                long took = System.nanoTime() - started;
                assertThat(Duration.ofNanos(took)).as("one read returns within the limit and some slack").isLessThan(LIMIT.plusSeconds(3));
                reads++;
                if (read instanceof LockRead.Content c) {
                    contents++;
                    assertThat(new String(c.bytes(), StandardCharsets.UTF_8)).as("a FIFO is never read as content").isEqualTo(payload);
                } else if (read instanceof LockRead.Unreadable u) {
                    notRegular++;
                    assertThat(u.reason()).isIn(Reason.NOT_REGULAR_FILE, Reason.READ_ERROR);
                    if (u.message().contains("did not finish")) {
                        givenUp++;
                    }
                }
                if (reads % 100 == 0) {
                    ScanResult scan = scanner.scan(List.of(root)); // the whole scan finishes too
                    assertThat(scan.locks()).hasSizeLessThanOrEqualTo(1);
                }
            }
        } finally {
            running.set(false);
            racer.join();
        }
        System.out.printf("FIFO swap race: %d reads (%d content, %d not regular, %d given up after %d ms), %d swaps%n",
                reads, contents, notRegular, givenUp, LIMIT.toMillis(), swaps.get());
        assertThat(reads).isGreaterThan(200);
        assertThat(contents).as("the regular file is still read when it is there").isPositive();
        assertThat(notRegular).isPositive();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFifoWithNoWriterAndOneWithASilentWriterAreGivenUpNotWaitedFor() throws Exception {
        fifo = root.resolve("bare-fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // what the reader would do if the FIFO were swapped in right after its type check: open and read
        BoundedIo.Read<byte[]> unchecked = p -> {
            try (var in = Files.newInputStream(p)) {
                return in.readAllBytes();
            }
        };
        long started = System.nanoTime();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BoundedIo.one(fifo, unchecked)))
                .isInstanceOf(InterruptedIOException.class).hasMessageContaining("did not finish");
        // a writer that never writes nor closes: read(2) would block for ever
        try (FileChannel silent = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BoundedIo.one(fifo, unchecked)))
                    .isInstanceOf(InterruptedIOException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (BoundedIo.stuck() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(BoundedIo.stuck()).as("the abandoned readers were released (FIFO opened read-write, channel interrupted)").isZero();
        // the gateway's config and package.json reads go the same way
        assertThat(dev.lockwatch.gateway.GatewayConfig.restartEnabled(fifo)).isNull();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anInterruptedCallerGivesUpTheRestAtOnceAndKeepsItsInterrupt() throws Exception {
        List<Path> paths = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            paths.add(LockFiles.write(root.resolve("i" + i + ".jsonl.lock"), 4242, Instant.now(), null));
        }
        Thread.currentThread().interrupt(); // e.g. the watch service's scheduler being shut down mid-scan
        long started = System.nanoTime();
        List<LockRead> reads = LockFileReader.readAll(paths);
        boolean stillInterrupted = Thread.interrupted();
        assertThat(stillInterrupted).as("the caller's interrupt is kept").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(reads).hasSize(500).allSatisfy(r -> assertThat(r).satisfiesAnyOf(
                x -> assertThat(x).isInstanceOf(LockRead.Content.class),
                x -> assertThat(x).isInstanceOfSatisfying(LockRead.Unreadable.class, u -> assertThat(u.message()).isEqualTo("interrupted"))));
        assertThat(LockFileReader.readAll(paths)).as("and reads work again once it is cleared").allMatch(r -> r instanceof LockRead.Content);
    }
}
