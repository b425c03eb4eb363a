package dev.lockwatch.lock;

import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.HolderResolver;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ResolvedHolder;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges stored locks again as time passes and holders change, doing the judge's work only for the locks
 * whose verdict can have changed: at 10,000 locks the periodic re-judge is otherwise the watcher's main cost.
 *
 * <p>A lock is skipped when all three hold: the stored report is the very one this rejudger produced last
 * time (a file event or scan in between replaced it, so it is judged afresh); everything the judge reads
 * besides the file and the clock is equal (the resolved holder with its process state, whether it holds
 * the file open, the gateways' restart times); and no time threshold of the judge (createdAt + stale
 * threshold, createdAt + maxHoldMs, mtime + stale threshold) lies between the report's judgement and now.
 *
 * <p>Not thread-safe: one owner calls it, serialised (the watch service does, under its lock).
 */
public final class Rejudger {
    private final LockScanner scanner;
    private Map<Path, Judged> last = new HashMap<>();

    private record Judged(LockReport report, Inputs inputs) {
    }

    /** What the judge reads about a lock besides its content and the clock. */
    private record Inputs(ResolvedHolder holder, Boolean holdsOpen, GatewayContext gateway) {
    }

    private record HolderKey(BigInteger pid, Long starttime) {
    }

    public Rejudger(LockScanner scanner) {
        this.scanner = scanner;
    }

    /**
     * The reports among {@code current} whose judgement changed inputs or crossed a threshold, judged again
     * now with one process snapshot; the others are left out (they would come back the same).
     */
    public List<LockReport> rejudge(Collection<LockReport> current) {
        Instant now = scanner.clock().instant();
        ProcessProbe snapshot = scanner.probe().snapshot();
        GatewayContext gateway = scanner.gatewayContext();
        Duration staleAfter = scanner.judge().settings().staleAfter();
        Map<HolderKey, ResolvedHolder> holders = new HashMap<>();
        Map<Path, Judged> next = new HashMap<>(Math.max(16, current.size() * 2));
        List<LockReport> changed = new ArrayList<>();
        for (LockReport report : current) {
            if (report.verdict() == Verdict.UNREADABLE) {
                continue; // nothing to re-judge without reading it again
            }
            Inputs inputs = inputs(report, snapshot, gateway, holders);
            Judged before = last.get(report.path());
            if (before != null && before.report() == report && before.inputs().equals(inputs)
                    && !crossesThreshold(report, staleAfter, now)) {
                next.put(report.path(), before);
                continue;
            }
            LockReport fresh = scanner.judge().rejudge(report, now, snapshot, gateway);
            changed.add(fresh);
            next.put(report.path(), new Judged(fresh, inputs));
        }
        last = next;
        return changed;
    }

    private static Inputs inputs(LockReport report, ProcessProbe probe, GatewayContext gateway,
                                 Map<HolderKey, ResolvedHolder> holders) {
        LockPayload payload = report.payload();
        if (payload.pid() == null) {
            return new Inputs(null, null, gateway);
        }
        ResolvedHolder holder = holders.computeIfAbsent(new HolderKey(payload.pid(), payload.starttime()),
                k -> HolderResolver.resolve(k.pid(), k.starttime(), probe));
        Boolean holdsOpen = null;
        FileIdentity identity = report.identity();
        if (holder.alive() && holder.hostPid() != null && identity != null) {
            Set<FileIdentity> open = probe.openFiles(holder.hostPid());
            holdsOpen = open == null ? null : open.contains(identity);
        }
        return new Inputs(holder, holdsOpen, gateway);
    }

    /** True when a threshold of the judge lies between the report's judgement and now (both ends included). */
    private static boolean crossesThreshold(LockReport report, Duration staleAfter, Instant now) {
        Instant from = report.judgedAt().minusMillis(1);
        Instant to = now.plusMillis(1);
        Instant created = report.payload().createdAt();
        Long maxHold = report.payload().maxHoldMs();
        return between(created == null ? null : created.plus(staleAfter), from, to)
                || between(created == null || maxHold == null ? null : created.plusMillis(maxHold), from, to)
                || between(report.modified() == null ? null : report.modified().plus(staleAfter), from, to);
    }

    private static boolean between(Instant t, Instant from, Instant to) {
        return t != null && !t.isBefore(from) && !t.isAfter(to);
    }
}
