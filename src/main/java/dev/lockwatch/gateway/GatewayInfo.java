package dev.lockwatch.gateway;

import dev.lockwatch.process.RestartSignal;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One gateway lock and what Lockwatch found out about the gateway it names.
 *
 * @param lockPath       the gateway lock file
 * @param pid            the pid in the lock as written (a container's pid for a gateway in a container), null when
 *                       missing or not an integer that fits in 64 bits
 * @param hostPid        the gateway's pid on this host (equal to {@code pid} outside containers), null when no live
 *                       process was found; the one to signal, and only when {@code verified}
 * @param startTime      the lock's {@code startTime} (ticks since boot), null when not recorded
 * @param createdAt      the lock's {@code createdAt}, null when missing or unparseable
 * @param createdAtRaw   {@code createdAt} as written
 * @param configPath     the gateway's config file as written in the lock (inside the container for a container)
 * @param port           the lock's {@code port}, null when not recorded
 * @param ownerId        2026.8 and later, else null
 * @param stateDir       2026.8 and later, else null
 * @param role           2026.8 and later, else null
 * @param verified       true only when the pid is alive and is provably this gateway: its starttime equals the
 *                       lock's {@code startTime}, or (no starttime recorded or readable) its command line is a gateway's
 * @param why            one line for a person explaining {@code verified}, in every case
 * @param version        the OpenClaw version of the verified gateway's install ({@code package.json}), {@code demo} for
 *                       Lockwatch's demo gateway, null when unknown or not verified
 * @param command        the command line of the live process the pid names, null when none or unreadable
 * @param restartSignal  the signal that restarts this version, null when the version is unknown
 * @param restartEnabled {@code commands.restart} of the config: false means the gateway ignores the restart signal;
 *                       true also when the key is absent; null when the config could not be read
 */
public record GatewayInfo(Path lockPath, Long pid, Long hostPid, Long startTime, Instant createdAt, String createdAtRaw,
                          String configPath, Integer port, String ownerId, String stateDir, String role, boolean verified,
                          String why, String version, String command, RestartSignal restartSignal, Boolean restartEnabled) {

    /** True when the pid in the lock is a container's pid that maps to another pid on this host. */
    public boolean nested() {
        return pid != null && hostPid != null && !pid.equals(hostPid);
    }
}
