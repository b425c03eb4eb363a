package dev.lockwatch.hold;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.process.HolderResolver;
import dev.lockwatch.process.ProcessState;
import dev.lockwatch.process.ResolvedHolder;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Judges one {@code state_leases} row (openclaw-sqlite-era.md, "state_leases"). OpenClaw's rules first: a generic
 * lease (payload NULL) is live exactly while {@code expires_at > now}; a process-owner lease's owner is {@code dead}
 * when its host is this host and its pid is dead or both start times are known and differ, and a dead owner is
 * reclaimed at once; an expired row is inert (the next acquirer replaces it). Then Lockwatch's: an owner on another
 * host (a container's hostname) is looked for through pid namespaces by pid and start time; if nobody matches and
 * the heartbeat stopped, it is stale; a {@code gateway-owner} row of the live gateway's process that predates that
 * gateway's in-process restart is orphaned. Pure: the row and {@link HoldContext} only.
 */
public final class LeaseJudge {
    public static final String NOTE_INERT = "inert: the next acquirer replaces it";
    public static final String NOTE_JOURNAL = "a repair journal, not a lock: it never expires and blocks nothing";
    public static final String NOTE_DEAD_OWNER = "its owner process is gone: OpenClaw's next acquirer reclaims it at once";
    public static final String NOTE_FOREIGN_HOST = "its owner's host is not this host and no process here matches its pid"
            + " and start time: it may run on another machine sharing this state dir; OpenClaw waits for it to expire";
    public static final String NOTE_HEARTBEAT_STOPPED = "its owner's host is not this host, no process here matches it, and"
            + " it has not been renewed for three heartbeat intervals: its owner is gone (a recreated container);"
            + " OpenClaw would wait until it expires";
    public static final String NOTE_PREDATES_RESTART = "left over from before the gateway's in-process restart: the gateway"
            + " now runs as another owner";

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private LeaseJudge() {
    }

    public static LeaseHold judge(Path db, LeaseRow row, HoldContext ctx) {
        LeaseOwner owner = LeasePayloads.owner(row.payloadJson());
        long now = ctx.now().toEpochMilli();
        boolean expired = row.expiresAt() != null && row.expiresAt() <= now;
        if (owner == null) {
            return generic(db, row, expired);
        }
        // OpenClaw's owner status, then its expiry
        List<HoldReason> why = new ArrayList<>();
        boolean sameHost = owner.host() != null && owner.host().equals(ctx.hostname());
        ProcessState state = owner.pid() == null || owner.pid() > ctx.probe().maxPid() ? ProcessState.DEAD
                : ctx.probe().state(owner.pid());
        if (sameHost && owner.pid() != null && ownerDead(owner, state)) {
            why.add(HoldReason.DEAD_OWNER);
        }
        if (expired) {
            why.add(HoldReason.EXPIRED);
        }
        if (!why.isEmpty()) {
            boolean dead = why.contains(HoldReason.DEAD_OWNER);
            return hold(db, row, owner, Holder.NONE, Verdict.STALE, why, dead, dead ? NOTE_DEAD_OWNER : NOTE_INERT);
        }
        if (owner.pid() == null) {
            return hold(db, row, owner, Holder.NONE, Verdict.UNRESOLVED, List.of(), false,
                    "its owner records no valid pid: OpenClaw calls it unknown and waits for it to expire");
        }
        if (sameHost) {
            Holder holder = Holders.of(owner.pid(), "same", state, null);
            String note = owner.startedAt() == null || state.starttime() == null
                    ? "a start time is unknown: OpenClaw cannot prove this owner dead while pid " + owner.pid() + " lives" : null;
            return liveOrPredating(db, row, owner, holder, note, ctx);
        }
        return foreignHost(db, row, owner, ctx);
    }

    /** OpenClaw's {@code dead}: the pid is definitely dead (or a zombie), or both start times are known and differ. */
    static boolean ownerDead(LeaseOwner owner, ProcessState state) {
        return !state.alive() || owner.startedAt() != null && state.starttime() != null
                && !owner.startedAt().equals(state.starttime());
    }

    private static LeaseHold generic(Path db, LeaseRow row, boolean expired) {
        if (row.expiresAt() == null) {
            boolean journal = row.owner() == null || !UUID.matcher(row.owner()).matches();
            return hold(db, row, null, Holder.NONE, Verdict.LIVE, List.of(), false, journal ? NOTE_JOURNAL
                    : "records no expiry: OpenClaw's acquirers never replace it");
        }
        if (expired) {
            return hold(db, row, null, Holder.NONE, Verdict.STALE, List.of(HoldReason.EXPIRED), false, NOTE_INERT);
        }
        return hold(db, row, null, Holder.NONE, Verdict.LIVE, List.of(), false, null);
    }

    /** Lockwatch's: the owner's host is not this one (OpenClaw says {@code unknown}). */
    private static LeaseHold foreignHost(Path db, LeaseRow row, LeaseOwner owner, HoldContext ctx) {
        if (owner.startedAt() != null) {
            ResolvedHolder resolved = HolderResolver.resolve(BigInteger.valueOf(owner.pid()), owner.startedAt(), ctx.probe());
            if (resolved.alive() && owner.startedAt().equals(resolved.state().starttime())) {
                return liveOrPredating(db, row, owner, Holders.of(resolved, null),
                        "its owner's host " + owner.host() + " is a container here: pid " + owner.pid() + " is host pid "
                                + resolved.hostPid(), ctx);
            }
        }
        if (heartbeatStopped(row, ctx.now().toEpochMilli())) {
            return hold(db, row, owner, Holder.NONE, Verdict.STALE, List.of(HoldReason.HEARTBEAT_STOPPED), true,
                    NOTE_HEARTBEAT_STOPPED);
        }
        return hold(db, row, owner, Holder.NONE, Verdict.UNRESOLVED, List.of(HoldReason.FOREIGN_HOST), false,
                NOTE_FOREIGN_HOST);
    }

    private static LeaseHold liveOrPredating(Path db, LeaseRow row, LeaseOwner owner, Holder holder, String note,
                                             HoldContext ctx) {
        if (predatesGatewayRestart(row, holder, ctx)) {
            return hold(db, row, owner, holder, Verdict.ORPHANED, List.of(HoldReason.PREDATES_GATEWAY_RESTART), true,
                    NOTE_PREDATES_RESTART);
        }
        return hold(db, row, owner, holder, Verdict.LIVE, List.of(), false, note);
    }

    /**
     * A {@code gateway-owner} row whose owner is the live gateway's process (same host pid and start time) but whose
     * {@code owner} is not that gateway lock's {@code ownerId} and which was created before that lock.
     */
    static boolean predatesGatewayRestart(LeaseRow row, Holder holder, HoldContext ctx) {
        GatewayInfo gateway = ctx.liveGateway();
        if (!"gateway-owner".equals(row.scope()) || gateway == null || gateway.hostPid() == null || !holder.alive()
                || gateway.ownerId() == null || gateway.createdAt() == null || row.createdAt() == null) {
            return false;
        }
        ProcessState gatewayState = ctx.probe().state(gateway.hostPid());
        return gateway.hostPid().equals(holder.hostPid()) && gatewayState.alive()
                && Objects.equals(gatewayState.starttime(), holder.starttime())
                && !gateway.ownerId().equals(row.owner()) && row.createdAt() < gateway.createdAt().toEpochMilli();
    }

    /** Not renewed for three heartbeat intervals (the owner renews every interval while it lives). */
    static boolean heartbeatStopped(LeaseRow row, long nowMs) {
        Long beat = row.heartbeatAt() != null ? row.heartbeatAt() : row.updatedAt();
        Long interval = heartbeatIntervalMs(row);
        return beat != null && interval != null && nowMs - beat > 3 * interval;
    }

    /**
     * 30 s for {@code gateway-owner}, 60 s for {@code startup-migrations}, else OpenClaw's renew period
     * {@code max(250, min(30000, ttl/3))} with the ttl the last renewal set; null when that cannot be told.
     */
    static Long heartbeatIntervalMs(LeaseRow row) {
        if ("gateway-owner".equals(row.scope())) {
            return 30_000L;
        }
        if ("startup-migrations".equals(row.scope())) {
            return 60_000L;
        }
        Long beat = row.heartbeatAt() != null ? row.heartbeatAt() : row.updatedAt();
        if (row.expiresAt() == null || beat == null || row.expiresAt() <= beat) {
            return null;
        }
        return Math.max(250L, Math.min(30_000L, (row.expiresAt() - beat) / 3));
    }

    private static LeaseHold hold(Path db, LeaseRow row, LeaseOwner owner, Holder holder, Verdict verdict,
                                  List<HoldReason> why, boolean removable, String note) {
        return new LeaseHold(db, row, owner, holder, verdict, why, removable, note);
    }
}
