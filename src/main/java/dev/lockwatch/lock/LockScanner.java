package dev.lockwatch.lock;

import dev.lockwatch.process.ProcessProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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

    public ScanResult scan(List<Path> roots) {
        Discovery discovery = LockDiscovery.discover(roots);
        Instant now = clock.instant();
        ProcessProbe snapshot = probe.snapshot();
        GatewayContext context = gateway.get();
        List<LockReport> reports = new ArrayList<>(discovery.locks().size());
        List<LockRead> reads = LockFileReader.readAll(discovery.locks().stream().map(LockLocation::path).toList());
        for (int i = 0; i < reads.size(); i++) {
            LockLocation location = discovery.locks().get(i);
            LockReport report = judge.judge(location.path(), location.root(), reads.get(i), now, snapshot, context);
            if (report != null) {
                reports.add(report);
            }
        }
        reports.sort(Comparator.comparing(r -> r.path().toString()));
        return new ScanResult(now, judge.settings().staleAfter(), discovery.roots(), discovery.readableRoots(), reports,
                discovery.errors());
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
