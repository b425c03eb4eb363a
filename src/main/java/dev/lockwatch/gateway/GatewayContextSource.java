package dev.lockwatch.gateway;

import dev.lockwatch.lock.GatewayContext;
import dev.lockwatch.process.ProcessProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The judge's view of the running gateways: every verified gateway found for the watched roots (each root
 * tried as a state dir, plus OpenClaw's default), with its gateway lock's createdAt as its last (re)start.
 * Answers are cached for {@code ttl}, because the watcher asks on every file event. Thread-safe.
 */
public final class GatewayContextSource implements Supplier<GatewayContext> {
    private final Supplier<List<Path>> roots;
    private final ProcessProbe probe;
    private final Clock clock;
    private final Duration ttl;
    private GatewayContext cached;
    private Instant cachedAt;

    public GatewayContextSource(Supplier<List<Path>> roots, ProcessProbe probe, Clock clock, Duration ttl) {
        this.roots = roots;
        this.probe = probe;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public synchronized GatewayContext get() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(ttl))) {
            cached = discover();
            cachedAt = now;
        }
        return cached;
    }

    private GatewayContext discover() {
        Map<Long, Instant> restarts = new HashMap<>();
        for (GatewayInfo g : GatewayDiscovery.findForRoots(roots.get(), probe)) {
            if (g.verified() && g.hostPid() != null && g.createdAt() != null) {
                restarts.merge(g.hostPid(), g.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return new GatewayContext(restarts);
    }
}
