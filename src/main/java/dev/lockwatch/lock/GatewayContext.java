package dev.lockwatch.lock;

import java.time.Instant;
import java.util.Map;

/**
 * What the judge knows about running gateways: each one's host pid and when it last (re)started. Session
 * locks a gateway took before that moment and nobody holds open any more are orphans of the restart.
 *
 * @param restartedAtByHostPid host pid -> the later of its gateway lock's createdAt and a restart seen in its log
 */
public record GatewayContext(Map<Long, Instant> restartedAtByHostPid) {
    public static final GatewayContext NONE = new GatewayContext(Map.of());

    public GatewayContext {
        restartedAtByHostPid = Map.copyOf(restartedAtByHostPid);
    }

    public static GatewayContext of(long hostPid, Instant restartedAt) {
        return new GatewayContext(Map.of(hostPid, restartedAt));
    }

    /** When the gateway with this host pid last restarted, null when it is not a known gateway. */
    public Instant restartedAt(Long hostPid) {
        return hostPid == null ? null : restartedAtByHostPid.get(hostPid);
    }
}
