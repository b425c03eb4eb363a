package dev.lockwatch.lock;

import dev.lockwatch.process.ProcessProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Discovers, reads and judges every lock under some roots. Each scan uses one process snapshot, so each
 * pid is probed once however many locks name it. Thread-safe if the suppliers are.
 */
public final class LockScanner {
    private final ProcessProbe probe;
    private final Judge judge;
    private final Clock clock;
    private final Supplier<GatewayContext> gateway;

    public LockScanner(ProcessProbe probe, Judge judge, Clock clock, Supplier<GatewayContext> gateway) {
        this.probe = probe;
        this.judge = judge;
        this.clock = clock;
        this.gateway = gateway;
    }

    public LockScanner(ProcessProbe probe, Judge judge, Clock clock) {
        this(probe, judge, clock, () -> null);
    }

    public ProcessProbe probe() {
        return probe;
    }

    /** The same scanner judging with another view of the gateways (e.g. right after a restart). */
    public LockScanner withGateway(Supplier<GatewayContext> gatewayContext) {
        return new LockScanner(probe, judge, clock, gatewayContext);
    }

    public Judge judge() {
        return judge;
    }

    public Clock clock() {
        return clock;
    }

    /** What the judge knows about the gateways now (may be null: no gateway known). */
    public GatewayContext gatewayContext() {
        return gateway.get();
    }

    public ScanResult scan(List<Path> roots) {
        return scan(roots, path -> null);
    }

    /**
     * Scans, reusing as they are the reports {@code known} returns for files whose mtime and size are those of
     * the report: the periodic reconcile of a watched tree then stats every file but reads only changed ones.
     * A reused report keeps its verdict and judgement time: the caller re-judges for time and holders.
     */
    public ScanResult scan(List<Path> roots, Function<Path, LockReport> known) {
        Discovery discovery = LockDiscovery.discover(roots);
        Instant now = clock.instant();
        ProcessProbe snapshot = probe.snapshot();
        GatewayContext context = gateway.get();
        List<LockReport> reports = new ArrayList<>(discovery.locks().size());
        List<LockLocation> toRead = new ArrayList<>();
        for (LockLocation location : discovery.locks()) {
            LockReport previous = unchanged(location, known.apply(location.path()));
            if (previous != null) {
                reports.add(previous);
            } else {
                toRead.add(location);
            }
        }
        List<LockRead> reads = LockFileReader.readAll(toRead.stream().map(LockLocation::path).toList());
        for (int i = 0; i < reads.size(); i++) {
            LockLocation location = toRead.get(i);
            LockReport report = judge.judge(location.path(), location.root(), reads.get(i), now, snapshot, context);
            if (report != null) {
                reports.add(report);
            }
        }
        reports.sort(Comparator.comparing(r -> r.path().toString()));
        return new ScanResult(now, judge.settings().staleAfter(), discovery.roots(), discovery.readableRoots(), reports,
                discovery.errors());
    }

    private static LockReport unchanged(LockLocation location, LockReport previous) {
        LockLocation.Stamp stamp = location.stamp();
        if (previous == null || stamp == null || previous.verdict() == Verdict.UNREADABLE) {
            return null;
        }
        boolean same = stamp.modified().equals(previous.modified()) && stamp.size() == previous.raw().length
                && location.root().equals(previous.root());
        return same ? previous : null;
    }

    /** Re-reads and re-judges one lock now, with a fresh process snapshot; null when it is gone. */
    public LockReport rejudge(Path path, Path root) {
        return judge.judge(path, root, LockFileReader.read(path), clock.instant(), probe.snapshot(), gateway.get());
    }

    /**
     * Judges again, now, what was read before, without touching the lock files: one process snapshot for the
     * whole batch (ages cross the threshold and holders die without any file event).
     */
    public List<LockReport> rejudgeAll(Collection<LockReport> previous) {
        Instant now = clock.instant();
        ProcessProbe snapshot = probe.snapshot();
        GatewayContext context = gateway.get();
        List<LockReport> reports = new ArrayList<>(previous.size());
        for (LockReport report : previous) {
            reports.add(judge.rejudge(report, now, snapshot, context));
        }
        return reports;
    }
}
