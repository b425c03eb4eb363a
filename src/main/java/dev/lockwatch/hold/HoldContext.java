package dev.lockwatch.hold;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.process.ProcessProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What every 2026.8+ judge may look at besides the row itself. Pure data: the judges do no I/O of their own
 * beyond asking {@code probe} (a per-read snapshot).
 *
 * @param now        the instant of judging
 * @param hostname   this host's name as {@code os.hostname()} would say it (OpenClaw compares a lease's
 *                   {@code host} with it)
 * @param probe      process facts, a snapshot taken for this read
 * @param staleAfter the stale threshold (OpenClaw's 30 min by default): a recovery cycle unchanged for longer is stuck
 * @param gateways   the gateway locks of this state dir as discovery found them (verified or not; may be empty)
 */
public record HoldContext(Instant now, String hostname, ProcessProbe probe, Duration staleAfter, List<GatewayInfo> gateways) {
    public HoldContext {
        gateways = List.copyOf(gateways);
    }

    /** The live, verified gateway (role absent) that owns this state dir, null when none. */
    public GatewayInfo liveGateway() {
        return gateways.stream().filter(g -> g.verified() && g.role() == null).findFirst().orElse(null);
    }
}
