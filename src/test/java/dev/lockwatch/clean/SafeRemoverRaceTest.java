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
import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SafeRemover} against a lock that changes under it. What was on disk when a lock was removed is observed
 * independently of the remover: right after it renames the lock aside (to a private name no writer can open), the
 * test opens that inode and keeps it open; after the removal it reads the inode through its own descriptor. The writer
 * writes strictly new versions, so content that equals the judged bytes then was the content at the moment of unlink.
 */
class SafeRemoverRaceTest {
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

    @Test
    void aNewLockThatTookTheNameWhileTheOldOneWasAsideIsNeverReplacedByThePutBack() throws Exception {
        long dead = ChildProcess.reapedPid();
        Path lock = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("s.jsonl.lock"), dead, Instant.now(), null);
        LockReport judged = scanner.rejudge(lock, state);
        String changed = LockFiles.payload(dead, Instant.now().plusSeconds(1), null);
        String fresh = LockFiles.payload(ProcessHandle.current().pid(), Instant.now(), null);
        AtomicReference<Path> asideSeen = new AtomicReference<>();
        SafeRemover remover = new SafeRemover(scanner, new CleanPolicy(true, true), new AuditLog(data.resolve("audit.jsonl"), Clock.systemUTC()),
                aside -> {
                    asideSeen.set(aside);
                    try {
                        Files.writeString(aside, changed); // a writer that had it open rewrote it: it changed
                        Files.writeString(lock, fresh, StandardOpenOption.CREATE_NEW); // and the gateway took the session again
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
        Removal r = remover.remove(judged, false);
        assertThat(r.outcome()).isEqualTo(Removal.Outcome.CHANGED);
        assertThat(Files.readString(lock)).as("the new lock keeps its name (rename(2) used to replace it)").isEqualTo(fresh);
        assertThat(Files.readString(asideSeen.get())).as("the changed file is kept aside, not lost").isEqualTo(changed);
        assertThat(r.detail()).contains("a new lock took its name meanwhile").contains(asideSeen.get().toString());
    }

    @Test
    void aChangedFileIsPutBackUnderItsNameWhenTheNameIsFree() throws Exception {
        long dead = ChildProcess.reapedPid();
        Path lock = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("p.jsonl.lock"), dead, Instant.now(), null);
        LockReport judged = scanner.rejudge(lock, state);
        String changed = LockFiles.payload(dead, Instant.now().plusSeconds(1), null);
        SafeRemover remover = new SafeRemover(scanner, new CleanPolicy(true, true), new AuditLog(data.resolve("audit.jsonl"), Clock.systemUTC()),
                aside -> {
                    try {
                        Files.writeString(aside, changed);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
        Removal r = remover.remove(judged, false);
        assertThat(r.outcome()).isEqualTo(Removal.Outcome.CHANGED);
        assertThat(r.detail()).endsWith("left in place");
        assertThat(Files.readString(lock)).isEqualTo(changed);
        try (Stream<Path> files = Files.list(lock.getParent())) {
            assertThat(files).containsExactly(lock); // no private copy left behind
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aThousandRemovalsAgainstAConstantRewriterNeverRemoveAChangedLockAndAreAllAudited() throws Exception {
        Path lock = LockFiles.sessionsDir(state, "main").resolve("busy.jsonl.lock");
        long dead = ChildProcess.reapedPid();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong version = new AtomicLong();
        Thread writer = new Thread(() -> {
            while (running.get()) {
                // every version is stale (dead pid) and removable, and different from every other one
                String payload = LockFiles.payload(dead, Instant.ofEpochMilli(1_700_000_000_000L + version.incrementAndGet()), null);
                try {
                    // as the gateway takes a free session (O_EXCL), else rewrite the file in place
                    Files.writeString(lock, payload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    try {
                        Files.writeString(lock, payload, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    } catch (IOException gone) {
                        // moved aside or removed this instant: take it again next round
                    }
                } catch (IOException e) {
                    // keep writing
                }
                // bursts and pauses, so that judging, moving aside and deleting each sometimes fall between two writes,
                // and sometimes all of them do
                java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
                java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(4) == 0 ? random.nextLong(5_000_000, 20_000_000)
                        : random.nextLong(1_000_000));
            }
        }, "rewriter");

        AtomicReference<FileChannel> held = new AtomicReference<>();
        AtomicReference<FileIdentity> heldIdentity = new AtomicReference<>();
        AuditLog audit = new AuditLog(data.resolve("audit.jsonl"), Clock.systemUTC());
        SafeRemover remover = new SafeRemover(scanner, new CleanPolicy(true, true), audit, aside -> {
            try { // the remover's thread: the aside name is private, so this is the inode it is about to judge and delete
                held.set(FileChannel.open(aside, StandardOpenOption.READ));
                heldIdentity.set(FileIdentity.of(aside, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        Map<Removal.Outcome, Integer> counts = new EnumMap<>(Removal.Outcome.class);
        List<String> audited = new ArrayList<>();
        writer.start();
        try {
            for (int i = 0; i < 1000; i++) {
                LockReport judged = scanner.rejudge(lock, state);
                if (judged == null) {
                    i--; // not there this instant: not an attempt
                    Thread.onSpinWait();
                    continue;
                }
                held.set(null);
                Removal r = remover.remove(judged, false);
                counts.merge(r.outcome(), 1, Integer::sum);
                if (r.outcome() != Removal.Outcome.KEPT) {
                    audited.add(r.outcome().name().toLowerCase());
                }
                try (FileChannel inode = held.get()) {
                    if (r.outcome() == Removal.Outcome.REMOVED) {
                        assertThat(inode).as("a removal always went through the aside step").isNotNull();
                        assertThat(heldIdentity.get()).as("the file removed is the file judged").isEqualTo(judged.identity());
                        assertThat(readAll(inode)).as("removal %d: the bytes on disk when removed are the bytes judged", i)
                                .isEqualTo(new String(judged.raw(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            running.set(false);
            writer.join();
        }
        System.out.printf("SafeRemover race: %s over 1000 attempts, %d versions written%n", counts, version.get());
        assertThat(counts.getOrDefault(Removal.Outcome.REMOVED, 0)).as("some removals happen").isPositive();
        assertThat(counts.getOrDefault(Removal.Outcome.CHANGED, 0)).as("and some are refused as changed").isPositive();
        assertThat(counts).doesNotContainKey(Removal.Outcome.FAILED);

        // the audit log tells what happened, each time, in order
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("audit.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines.stream().map(l -> l.get("result").asText()).toList()).isEqualTo(audited);
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("action").asText()).isEqualTo("remove-lock");
            assertThat(l.get("path").asText()).isEqualTo(lock.toString());
            assertThat(l.get("detail").asText()).isNotBlank();
        });
        // nothing but the lock (and kept-aside files of refused put-backs, each named in the log) is left in the dir
        try (Stream<Path> files = Files.list(lock.getParent())) {
            files.filter(f -> !f.equals(lock)).forEach(f -> assertThat(lines).anyMatch(l -> l.get("detail").asText().contains(f.toString())));
        }
    }

    /**
     * The child for the next test: holds the lock open (one descriptor, opened once) and keeps overwriting it in place
     * with versions of one fixed length, pausing at random, until killed. Prints "ready" after the first write.
     */
    public static final class InPlaceWriter {
        public static void main(String[] args) throws Exception {
            Path lock = Path.of(args[0]);
            long dead = Long.parseLong(args[1]);
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                for (long v = 0; ; v++) {
                    String payload = LockFiles.payload(dead, Instant.ofEpochMilli(1_700_000_000_000L + v % 1_000_000_000L), null);
                    channel.write(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)), 0); // same length each time
                    if (v == 0) {
                        System.out.println("ready");
                        System.out.flush();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(3) == 0 ? random.nextLong(5_000_000, 15_000_000)
                            : random.nextLong(500_000));
                }
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLockThatAnotherProcessHoldsOpenAndRewritesInPlaceIsNeverRemoved() throws Exception {
        Path lock = LockFiles.sessionsDir(state, "main").resolve("held.jsonl.lock");
        long dead = ChildProcess.reapedPid();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), InPlaceWriter.class.getName(), lock.toString(), Long.toString(dead))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicReference<FileChannel> held = new AtomicReference<>();
        SafeRemover remover = new SafeRemover(scanner, new CleanPolicy(true, true), new AuditLog(data.resolve("audit.jsonl"), Clock.systemUTC()),
                aside -> {
                    try {
                        held.set(FileChannel.open(aside, StandardOpenOption.READ));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
        Map<Removal.Outcome, Integer> counts = new EnumMap<>(Removal.Outcome.class);
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            for (int i = 0; i < 100; i++) {
                LockReport judged = scanner.rejudge(lock, state);
                if (judged == null) {
                    break; // removed: the writer goes on writing an unlinked file
                }
                held.set(null);
                Removal r = remover.remove(judged, false);
                counts.merge(r.outcome(), 1, Integer::sum);
                try (FileChannel inode = held.get()) {
                    if (r.outcome() == Removal.Outcome.REMOVED) {
                        TimeUnit.MILLISECONDS.sleep(30); // let a write that raced the unlink land
                        assertThat(readAll(inode)).as("attempt %d: removed while its writer still rewrote it", i)
                                .isEqualTo(new String(judged.raw(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.printf("SafeRemover vs in-place writer: %s%n", counts);
        assertThat(counts).as("held open by a live process: never removed").doesNotContainKey(Removal.Outcome.REMOVED);
        assertThat(lock).exists();
    }

    private static String readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        channel.position(0);
        while (channel.read(buffer) > 0) {
            // fill
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
