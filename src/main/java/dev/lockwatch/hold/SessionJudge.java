package dev.lockwatch.hold;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * Judges one session row that is running or carries recovery fields (openclaw-sqlite-era.md, "Sessions"). No
 * session lock exists in 2026.8+: a run is held by the gateway's memory, so the row is live exactly while a
 * verified live gateway owns the state dir. Without one it is orphaned ({@code gateway-down}): the next start marks
 * it aborted and re-runs it. That rule comes first, because without a gateway nothing can make progress and
 * "stuck" would say nothing more. With a live gateway, a recovery cycle unchanged for longer than the stale
 * threshold is stuck (the wedged-recovery reports, issues 117096, 128762, 136477, 146692). Never removable:
 * the gateway's own verbs ({@code sessions.abort}, {@code sessions.recover}) release it.
 */
public final class SessionJudge {
    public static final String NOTE_GATEWAY_DOWN = "no live gateway owns this state dir: the next start marks the run"
            + " aborted and re-runs it";
    public static final String NOTE_RECOVERY_STUCK = "its restart recovery has not changed for longer than the stale"
            + " threshold: ask the gateway (openclaw gateway call sessions.recover --params '{\"key\":\"";

    private SessionJudge() {
    }

    public static SessionHold judge(Path agentDb, String agentId, SessionRow row, HoldContext ctx) {
        SessionEntry entry = SessionEntries.parse(row.entryJson());
        GatewayInfo gateway = ctx.liveGateway();
        if (gateway == null) {
            return new SessionHold(agentDb, agentId, row, entry, Holder.NONE, Verdict.ORPHANED,
                    List.of(HoldReason.GATEWAY_DOWN), NOTE_GATEWAY_DOWN);
        }
        Holder holder = gateway.hostPid() == null ? Holder.NONE
                : Holders.of(gateway.hostPid(), gateway.nested() ? "nested" : "same", ctx.probe().state(gateway.hostPid()), null);
        if (entry.inRecovery() && row.updatedAt() != null
                && ctx.now().toEpochMilli() - row.updatedAt() > ctx.staleAfter().toMillis()) {
            return new SessionHold(agentDb, agentId, row, entry, holder, Verdict.STALE, List.of(HoldReason.RECOVERY_STUCK),
                    NOTE_RECOVERY_STUCK + row.sessionKey() + "\"}')");
        }
        return new SessionHold(agentDb, agentId, row, entry, holder, Verdict.LIVE, List.of(), null);
    }
}
