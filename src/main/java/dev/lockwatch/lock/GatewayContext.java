package dev.lockwatch.lock;

import java.time.Instant;

/**
 * What the judge knows about the running gateway: its host pid and when it last (re)started. Session
 * locks it took before that moment and nobody holds open any more are orphans of the restart.
 *
 * @param hostPid     the gateway's pid on this host
 * @param restartedAt the later of its gateway lock's createdAt and a restart seen in its log
 */
public record GatewayContext(long hostPid, Instant restartedAt) {
}
