package dev.lockwatch.lock;

import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.HolderResolver;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ResolvedHolder;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges stored locks again as time passes and holders change, doing the judge's work only for the locks
 * whose verdict can have changed: at 10,000 locks the periodic re-judge is otherwise the watcher's main cost.
 *
 * <p>A lock is skipped when all three hold: the stored report is the very one this rejudger judged or
 * skipped last time (a file event or scan in between replaced it, so it is judged afresh); everything the
 * judge reads besides the file and the clock is equal (the resolved holder with its process state, whether it
 * holds the file open, the gateways' restart times); and no time threshold of the judge
 * ({@link Judge#nextTimeChangeMs}) has been reached since the report was judged.
 *
 * <p>Not thread-safe: one owner calls it, serialised (the watch service does, under its lock).
 */
public final class Rejudger {
    private final LockScanner scanner;
    /**
     * Keyed by the report itself (identity): a report replaced in the store since is simply not found. Updated
     * in place; entries of reports no longer offered are dropped after the pass that notices them.
     */
    private final Map<LockReport, Judged> judged = new IdentityHashMap<>();
    /** One key object per (pid, starttime), shared by every lock that names it, carrying that pass's facts. */
    private final Map<HolderKey, HolderKey> keys = new HashMap<>();
    private GatewayContext lastGateway;
    private int pass;

    /**
     * What the judge read about one lock besides its content and the clock, and when its next threshold falls.
     * Holders and gateway contexts are canonical instances, so they compare by identity: in the steady state the
     * loop over 10,000 locks allocates nothing, does one map lookup per lock and calls no record equals (slow
     * under the C1 compiler the window's JVM uses).
     */
    private static final class Judged {
        final HolderKey key;
        final ResolvedHolder holder;
        final Boolean holdsOpen;
        final GatewayContext gateway;
        final long nextThresholdMs;
        int seenInPass;

        Judged(HolderKey key, ResolvedHolder holder, Boolean holdsOpen, GatewayContext gateway, long nextThresholdMs, int pass) {
            this.key = key;
            this.holder = holder;
            this.holdsOpen = holdsOpen;
            this.gateway = gateway;
            this.nextThresholdMs = nextThresholdMs;
            this.seenInPass = pass;
        }
    }

    /** A lock's pid and starttime, hashed once, with what one pass found about that holder. */
    private static final class HolderKey {
        final BigInteger pid;
        final Long starttime;
        private final int hash;
        int factsOfPass = -1;
        ResolvedHolder holder;
        Set<FileIdentity> openFiles;

        HolderKey(BigInteger pid, Long starttime) {
            this.pid = pid;
            this.starttime = starttime;
            this.hash = 31 * pid.hashCode() + Objects.hashCode(starttime);
        }

        /** Probes the holder once per pass; an unchanged holder keeps its previous (canonical) instance. */
        void refresh(int pass, ProcessProbe probe) {
            if (factsOfPass == pass) {
                return;
            }
            ResolvedHolder fresh = HolderResolver.resolve(pid, starttime, probe);
            holder = fresh.equals(holder) ? holder : fresh;
            openFiles = holder.alive() && holder.hostPid() != null ? probe.openFiles(holder.hostPid()) : null;
            factsOfPass = pass;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof HolderKey k && hash == k.hash && pid.equals(k.pid) && Objects.equals(starttime, k.starttime);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    public Rejudger(LockScanner scanner) {
        this.scanner = scanner;
    }

    /**
     * The reports among {@code current} whose judgement changed inputs or crossed a threshold, judged again
     * now with one process snapshot; the others are left out (they would come back the same).
     */
    public List<LockReport> rejudge(Collection<LockReport> current) {
        pass++;
        Instant now = scanner.clock().instant();
        long nowMs = now.toEpochMilli();
        ProcessProbe snapshot = scanner.probe().displaySnapshot(); // what is shown, never what is acted on
        GatewayContext fresh = scanner.gatewayContext();
        GatewayContext gateway = Objects.equals(fresh, lastGateway) ? lastGateway : fresh;
        List<LockReport> changed = new ArrayList<>();
        int seen = 0;
        for (LockReport report : current) {
            if (report.verdict() == Verdict.UNREADABLE) {
                continue; // nothing to re-judge without reading it again
            }
            Judged before = judged.get(report);
            HolderKey key = before != null ? before.key : keyOf(report);
            ResolvedHolder holder = null;
            Boolean holdsOpen = null;
            if (key != null) {
                key.refresh(pass, snapshot);
                holder = key.holder;
                holdsOpen = Judge.heldOpen(key.openFiles, report.identity());
            }
            if (before != null && nowMs < before.nextThresholdMs && before.holder == holder && before.gateway == gateway
                    && Objects.equals(before.holdsOpen, holdsOpen)) {
                before.seenInPass = pass;
                seen++;
                continue;
            }
            LockReport again = scanner.judge().rejudge(report, now, snapshot, gateway);
            changed.add(again);
            if (before != null) {
                judged.remove(report);
            }
            judged.put(again, new Judged(key, holder, holdsOpen, gateway, scanner.judge().nextTimeChangeMs(again), pass));
            seen++;
        }
        if (judged.size() > seen) { // reports replaced or removed since the last pass
            judged.values().removeIf(j -> j.seenInPass != pass);
        }
        if (keys.size() > 2 * Math.max(16, seen)) {
            keys.values().removeIf(k -> k.factsOfPass != pass);
        }
        lastGateway = gateway;
        return changed;
    }

    private HolderKey keyOf(LockReport report) {
        LockPayload payload = report.payload();
        if (payload.pid() == null) {
            return null;
        }
        HolderKey key = new HolderKey(payload.pid(), payload.starttime());
        HolderKey shared = keys.putIfAbsent(key, key);
        return shared == null ? key : shared;
    }
}
