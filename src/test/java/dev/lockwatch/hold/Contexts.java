package dev.lockwatch.hold;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.process.LinuxProcProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Judging contexts over the real process table, for tests. */
final class Contexts {
    static final String HOST = "judge-host";
    static final Duration STALE_AFTER = Duration.ofMinutes(30);

    private Contexts() {
    }

    static HoldContext at(Instant now, GatewayInfo... gateways) {
        return new HoldContext(now, HOST, new LinuxProcProbe().snapshot(), STALE_AFTER, List.of(gateways));
    }

    static HoldContext at(Instant now, String hostname) {
        return new HoldContext(now, hostname, new LinuxProcProbe().snapshot(), STALE_AFTER, List.of());
    }

    /** A gateway lock as discovery reports it: verified or not, with or without a role. */
    static GatewayInfo gateway(Long pid, Long hostPid, Long startTime, String ownerId, Instant createdAt, String role,
                               boolean verified) {
        return new GatewayInfo(Path.of("/tmp/openclaw-0/gateway.state.lock"), pid, hostPid, startTime, createdAt,
                createdAt == null ? null : createdAt.toString(), "/root/.openclaw/openclaw.json", 18789, ownerId,
                "/root/.openclaw", role, verified, "test", null, null, null, null);
    }
}
