package dev.lockwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared helpers of the benchmark scenarios: statistics, live holder processes, lock files, result lines. */
final class BenchUtil {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String RESULT_PREFIX = "RESULT ";

    private BenchUtil() {
    }

    /** Nearest-rank percentile (p in 0..100) of the values; NaN when there are none. */
    static double percentile(Collection<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double median(Collection<Double> values) {
        return percentile(values, 50);
    }

    /** n, min, p50, p90, p99, max, mean of some milliseconds, rounded to 0.01. */
    static Map<String, Object> stats(Collection<Double> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", values.size());
        out.put("min", round2(values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)));
        out.put("p50", round2(percentile(values, 50)));
        out.put("p90", round2(percentile(values, 90)));
        out.put("p99", round2(percentile(values, 99)));
        out.put("max", round2(values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        out.put("mean", round2(values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        return out;
    }

    static double round2(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100.0) / 100.0;
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Prints one progress line for the driver (stdout, flushed). */
    static void progress(String message) {
        System.out.println("  .. " + message);
        System.out.flush();
    }

    /** Prints the scenario's result as the one line the driver reads. */
    static void result(Map<String, Object> result) {
        try {
            System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
            System.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A lock payload as OpenClaw writes it ({@code JSON.stringify(payload, null, 2)}), with a 5-minute max hold. */
    static byte[] payload(long pid, Instant createdAt, Long starttime) {
        return payload(pid, createdAt, starttime, true);
    }

    static byte[] payload(long pid, Instant createdAt, Long starttime, boolean maxHold) {
        StringBuilder json = new StringBuilder("{\n  \"pid\": ").append(pid)
                .append(",\n  \"createdAt\": \"").append(createdAt).append('"');
        if (maxHold) {
            json.append(",\n  \"maxHoldMs\": 300000");
        }
        if (starttime != null) {
            json.append(",\n  \"starttime\": ").append(starttime);
        }
        return json.append("\n}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code perDir} locks into each of {@code dirs} session dirs ({@code <state>/agents/aNNNN/sessions}), held
     * round-robin by the holders, createdAt spread over the last {@code spreadMinutes}. Returns the session dirs.
     */
    static List<Path> writeLocks(Path state, int dirs, int perDir, List<Holder> holders, int spreadMinutes) throws IOException {
        return writeLocks(state, dirs, perDir, (n, now) -> {
            Holder h = holders.get((int) (n % holders.size()));
            return payload(h.pid(), now.minusMillis((n * 7919L) % (spreadMinutes * 60_000L + 1)), h.starttime());
        });
    }

    /** The content of the {@code n}-th lock written at {@code now}. */
    private interface LockContent {
        byte[] of(long n, Instant now);
    }

    /** Writes {@code perDir} locks into each of {@code dirs} session dirs ({@code <state>/agents/aNNNN/sessions}). */
    private static List<Path> writeLocks(Path state, int dirs, int perDir, LockContent content) throws IOException {
        List<Path> sessionDirs = new ArrayList<>();
        Instant now = Instant.now();
        long n = 0;
        for (int d = 0; d < dirs; d++) {
            Path dir = Files.createDirectories(state.resolve("agents").resolve(String.format("a%04d", d)).resolve("sessions"));
            sessionDirs.add(dir);
            for (int i = 0; i < perDir; i++, n++) {
                Files.write(dir.resolve(String.format("s%04d-%06d.jsonl.lock", d, i)), content.of(n, now));
            }
        }
        sync();
        return sessionDirs;
    }

    /** A pid beyond any pid_max (2^22 on 64-bit Linux): always dead, never recycled. */
    static final long DEAD_PID = 99_999_999L;

    /**
     * Locks whose verdicts stay put for several minutes, for the scenarios that watch them (an idle watch must not be
     * busy with verdicts that change): ages 1 to 25 minutes (below the 30-minute stale threshold for the whole run),
     * no max hold, four in five held by a live holder (orphaned: not held open), one in five naming a pid that cannot
     * exist (stale: dead-pid).
     */
    static List<Path> writeQuietLocks(Path state, int dirs, int perDir, List<Holder> holders) throws IOException {
        return writeLocks(state, dirs, perDir, (n, now) -> {
            Holder h = holders.get((int) (n % holders.size()));
            Instant created = now.minusMillis(60_000L + (n * 7919L) % (24 * 60_000L));
            return n % 5 == 4 ? payload(DEAD_PID, created, null, false) : payload(h.pid(), created, h.starttime(), false);
        });
    }

    /** {@code sync}: the generated files reach the disk now, so their writeback does not land in a measurement. */
    static void sync() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A live child process whose pid and starttime locks name. */
    record Holder(Process process, long pid, long starttime) {
    }

    /**
     * Starts {@code n} live holder processes: {@code sleep} with its argv[0] set to {@code openclaw}, so the judge
     * sees an OpenClaw process (that does not hold the lock files open: verdict orphaned/not-held-open or stale/too-old).
     */
    static List<Holder> spawnHolders(int n) throws IOException, InterruptedException {
        List<Holder> holders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder("bash", "-c", "exec -a openclaw sleep 86400")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            holders.add(new Holder(p, p.pid(), 0));
        }
        List<Holder> ready = new ArrayList<>();
        for (Holder h : holders) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                String cmdline = Files.readString(Path.of("/proc/" + h.pid() + "/cmdline"), StandardCharsets.ISO_8859_1);
                if (cmdline.startsWith("openclaw\0")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("holder " + h.pid() + " did not exec: " + cmdline);
                }
                Thread.sleep(2);
            }
            ready.add(new Holder(h.process(), h.pid(), starttimeOf(h.pid())));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> killHolders(ready)));
        return ready;
    }

    static void killHolders(List<Holder> holders) {
        for (Holder h : holders) {
            h.process().destroyForcibly();
        }
        for (Holder h : holders) {
            try {
                h.process().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Field 22 of /proc/PID/stat. */
    static long starttimeOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
        return Long.parseLong(fields[19]);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("bench: could not remove " + root + ": " + e);
        }
    }

    static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
