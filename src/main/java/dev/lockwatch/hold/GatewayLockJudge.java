package dev.lockwatch.hold;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.process.HolderResolver;
import dev.lockwatch.process.OpenClawCommand;
import dev.lockwatch.process.ProcessState;
import dev.lockwatch.process.ResolvedHolder;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * Judges a gateway lock by OpenClaw's liveness (openclaw-sqlite-era.md, "Gateway locks"): pid dead -> dead;
 * {@code startTime} present and readable: equal -> alive, else dead; otherwise the command line decides (a
 * gateway's for the gateway lock, an OpenClaw process for role locks). A lock without a pid is reclaimed once older
 * than 30 s. The pid is looked for through pid namespaces (a container records its own pid). Never removable:
 * OpenClaw reclaims a dead lock itself at the next start. Pure: {@code info} and {@link HoldContext} only.
 */
public final class GatewayLockJudge {
    /** OpenClaw reclaims a lock without a pid once it is older than this. */
    static final Duration NO_PID_GRACE = Duration.ofSeconds(30);

    private GatewayLockJudge() {
    }

    /** @param coordinatorHeld whether {@code <lock>.sqlite} carries a lock in /proc/locks; null when unknown */
    public static GatewayLockHold judge(GatewayInfo info, Boolean coordinatorHeld, HoldContext ctx) {
        String role = roleNote(info, coordinatorHeld);
        Long pid = info.pid();
        if (pid == null) {
            boolean young = info.createdAt() != null
                    && Duration.between(info.createdAt(), ctx.now()).compareTo(NO_PID_GRACE) <= 0;
            return young ? hold(info, coordinatorHeld, Holder.NONE, Verdict.LIVE, List.of(), join("it records no pid yet:"
                    + " OpenClaw reclaims it only once it is older than 30 s", role))
                    : hold(info, coordinatorHeld, Holder.NONE, Verdict.STALE, List.of(HoldReason.DEAD_PID),
                    join("it records no pid and is older than 30 s: OpenClaw reclaims it", role));
        }
        ResolvedHolder resolved = pid < 1 ? null : HolderResolver.resolve(BigInteger.valueOf(pid), info.startTime(), ctx.probe());
        if (resolved != null && resolved.kind() == ResolvedHolder.Kind.AMBIGUOUS) {
            return hold(info, coordinatorHeld, Holder.NONE, Verdict.UNRESOLVED, List.of(), join("processes in several pid"
                    + " namespaces carry pid " + pid + " and the lock records no startTime", role));
        }
        if (resolved == null || !resolved.alive()) {
            return hold(info, coordinatorHeld, Holder.NONE, Verdict.STALE, List.of(HoldReason.DEAD_PID),
                    join("pid " + pid + " is not alive", role));
        }
        ProcessState state = resolved.state();
        if (info.startTime() != null && state.starttime() != null) {
            return info.startTime().equals(state.starttime())
                    ? hold(info, coordinatorHeld, Holders.of(resolved, null), Verdict.LIVE, List.of(), role)
                    : hold(info, coordinatorHeld, Holder.NONE, Verdict.STALE, List.of(HoldReason.DEAD_PID), join("pid " + pid
                    + " now belongs to another process (start time " + state.starttime() + ", the lock's " + info.startTime()
                    + ")", role));
        }
        if (state.argv() == null) {
            return hold(info, coordinatorHeld, Holders.of(resolved, null), Verdict.LIVE, List.of(), join("pid " + pid
                    + " lives; its command line cannot be read, so nothing proves it dead", role));
        }
        boolean ours = info.role() == null ? OpenClawCommand.isGateway(state.argv()) : OpenClawCommand.isOpenClaw(state.argv());
        return ours ? hold(info, coordinatorHeld, Holders.of(resolved, null), Verdict.LIVE, List.of(), role)
                : hold(info, coordinatorHeld, Holder.NONE, Verdict.STALE, List.of(HoldReason.DEAD_PID), join("pid " + pid
                + " now runs something that is not " + (info.role() == null ? "a gateway" : "OpenClaw"), role));
    }

    private static String roleNote(GatewayInfo info, Boolean coordinatorHeld) {
        String role = switch (info.role() == null ? "" : info.role()) {
            case "" -> null;
            case "sqlite-maintenance" -> "a doctor's lock (role sqlite-maintenance), not a gateway";
            case "agent-embedded", "skill-workshop-apply" -> "an embedded writer's lock (role " + info.role() + "), not a gateway";
            default -> "a lock of role " + info.role() + ", not a gateway";
        };
        String coordinator = Boolean.FALSE.equals(coordinatorHeld)
                ? "nobody holds its .sqlite coordinator lock (a live holder always does)" : null;
        return join(role, coordinator);
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private static GatewayLockHold hold(GatewayInfo info, Boolean coordinatorHeld, Holder holder, Verdict verdict,
                                        List<HoldReason> why, String note) {
        return new GatewayLockHold(info, coordinatorHeld, holder, verdict, why, note);
    }
}
