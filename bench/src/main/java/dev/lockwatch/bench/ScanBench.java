package dev.lockwatch.bench;

import dev.lockwatch.lock.Discovery;
import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockDiscovery;
import dev.lockwatch.lock.LockFileReader;
import dev.lockwatch.lock.LockLocation;
import dev.lockwatch.lock.LockRead;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.PayloadParser;
import dev.lockwatch.lock.ScanResult;
import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.process.ProcessProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * 100,000 locks in 1,000 session dirs held by 50 live pids: the full engine scan ({@link LockScanner#scan}: discovery,
 * safe reads, parsing, one process snapshot, verdicts) against the floor {@code find ROOT -name '*.jsonl.lock' -print0 |
 * xargs -0 cat >/dev/null}. Both run on a warm page cache (the files were just written, and one floor run goes first);
 * they alternate, and each figure is the median of {@code reps} runs. The first scan of the JVM (cold JIT) is reported
 * apart, and one more scan is split into its phases.
 *
 * <p>args: workDir locks dirs pids reps
 */
public final class ScanBench {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int locks = BenchUtil.intArg(args, 1, 100_000);
        int dirs = BenchUtil.intArg(args, 2, 1_000);
        int pids = BenchUtil.intArg(args, 3, 50);
        int reps = BenchUtil.intArg(args, 4, 3);
        Path root = Files.createDirectories(work.resolve("state"));
        List<BenchUtil.Holder> holders = BenchUtil.spawnHolders(pids);
        long t = System.nanoTime();
        BenchUtil.writeLocks(root, dirs, locks / dirs, holders, 60);
        BenchUtil.progress("wrote " + locks + " locks in " + dirs + " dirs held by " + pids + " live pids in "
                + Math.round(BenchUtil.ms(System.nanoTime() - t)) + " ms");

        ProcessProbe probe = new LinuxProcProbe();
        LockScanner scanner = new LockScanner(probe, new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());
        floor(root); // warms the page cache and the dentries for both
        double cold = scanOnce(scanner, root, locks);
        List<Double> floorMs = new ArrayList<>();
        List<Double> lockwatchMs = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            floorMs.add(floor(root));
            lockwatchMs.add(scanOnce(scanner, root, locks));
            BenchUtil.progress("rep " + (i + 1) + ": floor " + Math.round(floorMs.get(i)) + " ms, lockwatch "
                    + Math.round(lockwatchMs.get(i)) + " ms");
        }
        Map<String, Object> splits = splits(probe, root);
        ScanResult last = scanner.scan(List.of(root));
        Map<String, Long> verdicts = new TreeMap<>();
        last.locks().forEach(r -> verdicts.merge(r.verdict().word(), 1L, Long::sum));

        // what the watch does to these locks while idle: re-judge all from memory (every 2 s) and apply the batch
        // to the store, where nothing changed (every 2 s); the reconcile every 30 s is one full scan (above)
        dev.lockwatch.watch.LockStore store = new dev.lockwatch.watch.LockStore(Clock.systemUTC());
        store.putAll(last.locks());
        List<Double> rejudgeMs = new ArrayList<>();
        List<Double> putAllMs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long r0 = System.nanoTime();
            List<LockReport> again = scanner.rejudgeAll(last.locks());
            long r1 = System.nanoTime();
            store.putAll(again);
            long r2 = System.nanoTime();
            rejudgeMs.add(BenchUtil.ms(r1 - r0));
            putAllMs.add(BenchUtil.ms(r2 - r1));
        }

        double lw = BenchUtil.median(lockwatchMs);
        double fl = BenchUtil.median(floorMs);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("locks", locks);
        out.put("dirs", dirs);
        out.put("pids", pids);
        out.put("lockwatchMs", BenchUtil.round2(lw));
        out.put("floorMs", BenchUtil.round2(fl));
        out.put("ratio", BenchUtil.round2(lw / fl));
        out.put("coldFirstScanMs", BenchUtil.round2(cold));
        out.put("lockwatchRuns", lockwatchMs.stream().map(BenchUtil::round2).toList());
        out.put("floorRuns", floorMs.stream().map(BenchUtil::round2).toList());
        out.put("splitsMs", splits);
        out.put("rejudgeAllMs", BenchUtil.stats(rejudgeMs));
        out.put("storePutAllUnchangedMs", BenchUtil.stats(putAllMs));
        out.put("verdicts", verdicts);
        BenchUtil.result(out);
        BenchUtil.killHolders(holders);
        System.exit(0);
    }

    private static double scanOnce(LockScanner scanner, Path root, int expected) {
        long t0 = System.nanoTime();
        ScanResult result = scanner.scan(List.of(root));
        double ms = BenchUtil.ms(System.nanoTime() - t0);
        if (result.locks().size() != expected) {
            throw new IllegalStateException("scan found " + result.locks().size() + " locks, expected " + expected);
        }
        return ms;
    }

    private static double floor(Path root) throws Exception {
        String script = "find \"$1\" -name '*.jsonl.lock' -print0 | xargs -0 cat >/dev/null";
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", script, "floor", root.toString()).inheritIO().start();
        int code = p.waitFor();
        double ms = BenchUtil.ms(System.nanoTime() - t0);
        if (code != 0) {
            throw new IllegalStateException("the floor command failed with " + code);
        }
        return ms;
    }

    /** One scan taken apart as {@link LockScanner#scan} does it: discovery, the batched reads, parsing, judging, sorting. */
    private static Map<String, Object> splits(ProcessProbe probe, Path root) {
        Map<String, Object> out = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Discovery discovery = LockDiscovery.discover(List.of(root));
        long t1 = System.nanoTime();
        List<LockRead> reads = LockFileReader.readAll(discovery.locks().stream().map(LockLocation::path).toList());
        long t2 = System.nanoTime();
        for (LockRead r : reads) {
            if (r instanceof LockRead.Content c) {
                PayloadParser.parse(c.bytes());
            }
        }
        long t3 = System.nanoTime();
        Judge judge = new Judge(JudgeSettings.DEFAULTS);
        ProcessProbe snapshot = probe.snapshot();
        Instant now = Instant.now();
        List<LockReport> reports = new ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            LockLocation l = discovery.locks().get(i);
            reports.add(judge.judge(l.path(), l.root(), reads.get(i), now, snapshot, null));
        }
        long t4 = System.nanoTime();
        reports.sort(java.util.Comparator.comparing(r -> r.path().toString()));
        long t5 = System.nanoTime();
        out.put("discover", BenchUtil.round2(BenchUtil.ms(t1 - t0)));
        out.put("read", BenchUtil.round2(BenchUtil.ms(t2 - t1)));
        out.put("parseOnly", BenchUtil.round2(BenchUtil.ms(t3 - t2)));
        out.put("judgeIncludingParse", BenchUtil.round2(BenchUtil.ms(t4 - t3)));
        out.put("sort", BenchUtil.round2(BenchUtil.ms(t5 - t4)));
        return out;
    }
}
