package dev.lockwatch.lock;

import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.HolderResolver;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ResolvedHolder;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges stored locks again as time passes and holders change, doing the judge's work only for the locks
 * whose verdict can have changed: at 10,000 locks the periodic re-judge is otherwise the watcher's main cost.
 *
 * <p>A lock is skipped when all three hold: the stored report is the very one this rejudger judged or
 * skipped last time (a file event or scan in between replaced it, so it is judged afresh); everything the
 * judge reads besides the file and the clock is equal (the resolved holder with its process state, whether it
 * holds the file open, the gateways' restart times); and no time threshold of the judge (createdAt + stale
 * threshold, createdAt + maxHoldMs, mtime + stale threshold) has been reached since the report was judged.
 *
 * <p>Not thread-safe: one owner calls it, serialised (the watch service does, under its lock).
 */
public final class Rejudger {
    private final LockScanner scanner;
    /** Keyed by the report itself (identity): a report replaced in the store since is simply not found. */
    private Map<LockReport, Judged> last = new IdentityHashMap<>();
    /** The holders resolved last pass: an equal one this pass is replaced by that instance, so comparing is cheap. */
    private Map<HolderKey, ResolvedHolder> lastHolders = new HashMap<>();

    private record Judged(Inputs inputs, long nextThresholdMs) {
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
        long nowMs = now.toEpochMilli();
        ProcessProbe snapshot = scanner.probe().snapshot();
        GatewayContext gateway = scanner.gatewayContext();
        Duration staleAfter = scanner.judge().settings().staleAfter();
        Map<HolderKey, ResolvedHolder> holders = new HashMap<>();
        Map<LockReport, Judged> next = new IdentityHashMap<>(Math.max(16, current.size()));
        List<LockReport> changed = new ArrayList<>();
        for (LockReport report : current) {
            if (report.verdict() == Verdict.UNREADABLE) {
                continue; // nothing to re-judge without reading it again
            }
            Inputs inputs = inputs(report, snapshot, gateway, holders);
            Judged before = last.get(report);
            if (before != null && nowMs < before.nextThresholdMs() && before.inputs().equals(inputs)) {
                next.put(report, before);
                continue;
            }
            LockReport fresh = scanner.judge().rejudge(report, now, snapshot, gateway);
            changed.add(fresh);
            next.put(fresh, new Judged(inputs, nextThresholdMs(fresh, staleAfter)));
        }
        last = next;
        lastHolders = holders;
        return changed;
    }

    private Inputs inputs(LockReport report, ProcessProbe probe, GatewayContext gateway, Map<HolderKey, ResolvedHolder> holders) {
        LockPayload payload = report.payload();
        if (payload.pid() == null) {
            return new Inputs(null, null, gateway);
        }
        ResolvedHolder holder = holders.computeIfAbsent(new HolderKey(payload.pid(), payload.starttime()), k -> {
            ResolvedHolder fresh = HolderResolver.resolve(k.pid(), k.starttime(), probe);
            ResolvedHolder before = lastHolders.get(k);
            return fresh.equals(before) ? before : fresh;
        });
        Boolean holdsOpen = null;
        FileIdentity identity = report.identity();
        if (holder.alive() && holder.hostPid() != null && identity != null) {
            Set<FileIdentity> open = probe.openFiles(holder.hostPid());
            holdsOpen = open == null ? null : open.contains(identity);
        }
        return new Inputs(holder, holdsOpen, gateway);
    }

    /**
     * The first moment after the report's judgement at which a threshold of the judge is crossed (createdAt +
     * stale threshold, createdAt + maxHoldMs, mtime + stale threshold), a millisecond early; Long.MAX_VALUE
     * when none lies ahead.
     */
    private static long nextThresholdMs(LockReport report, Duration staleAfter) {
        long judged = report.judgedAt().toEpochMilli();
        long next = Long.MAX_VALUE;
        Instant created = report.payload().createdAt();
        Long maxHold = report.payload().maxHoldMs();
        for (Instant t : new Instant[] {
                created == null ? null : created.plus(staleAfter),
                created == null || maxHold == null ? null : created.plusMillis(maxHold),
                report.modified() == null ? null : report.modified().plus(staleAfter)}) {
            if (t != null) {
                long ms = t.toEpochMilli() - 1;
                if (ms >= judged) {
                    next = Math.min(next, ms);
                }
            }
        }
        return next;
    }
}
