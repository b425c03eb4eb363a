package dev.lockwatch.app;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.audit.AuditReader;
import dev.lockwatch.clean.CleanPolicy;
import dev.lockwatch.clean.Removal;
import dev.lockwatch.clean.SafeRemover;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.process.Signaller;
import dev.lockwatch.restart.GatewayLocator;
import dev.lockwatch.restart.RestartFlow;
import dev.lockwatch.restart.RestartListener;
import dev.lockwatch.restart.RestartPlan;
import dev.lockwatch.restart.RestartPlanner;
import dev.lockwatch.restart.RestartReport;
import dev.lockwatch.restart.SignalChoice;
import dev.lockwatch.ui.restart.RestartActions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The window's restart and removal, over the same store and scanner as the table: the gateway is looked
 * for in each watched root (as a state dir) and OpenClaw's default places. Blocking; called off the FX thread.
 */
final class EngineActions implements RestartActions {
    /** How long the window waits for the release, as {@code restart --timeout} does by default. */
    static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);
    private final Pipeline pipeline;
    private final Duration restartTimeout;
    private final AuditLog audit;
    private final Clock clock;

    EngineActions(Pipeline pipeline, AuditLog audit, Clock clock, Duration restartTimeout) {
        this.pipeline = pipeline;
        this.restartTimeout = restartTimeout;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public RestartPlan plan(SignalChoice choice) {
        List<Path> roots = pipeline.roots();
        List<dev.lockwatch.gateway.GatewayInfo> found = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Optional<Path> stateDir : stateDirs(roots)) {
            for (var g : new GatewayLocator(stateDir, Optional.empty(), pipeline.scanner().probe()).discover()) {
                if (seen.add(g.lockPath())) {
                    found.add(g);
                }
            }
        }
        return RestartPlanner.plan(found, choice, pipeline.store().snapshot(), pid -> AuditReader.lastSignalled(audit.file(), pid),
                clock.instant());
    }

    private static List<Optional<Path>> stateDirs(List<Path> roots) {
        List<Optional<Path>> dirs = new ArrayList<>();
        dirs.add(Optional.empty());
        roots.forEach(r -> dirs.add(Optional.of(r)));
        return dirs;
    }

    @Override
    public RestartReport run(RestartPlan plan, RestartListener listener) {
        // after the signal, look where this gateway's lock lives: a respawned gateway writes its lock there too
        GatewayLocator gateways = new GatewayLocator(Optional.empty(), Optional.of(plan.gateway().lockPath().getParent()),
                pipeline.scanner().probe());
        return new RestartFlow(gateways, new Signaller(), pipeline.scanner(), pipeline.store(), audit, clock, restartTimeout,
                Duration.ofSeconds(10)).run(plan, listener);
    }

    /** Each lock is removed only if it is still exactly what the operator saw and confirmed. */
    @Override
    public List<Removal> remove(List<LockReport> locks, boolean includeOrphaned) {
        SafeRemover remover = new SafeRemover(pipeline.scanner(), new CleanPolicy(includeOrphaned, false), audit);
        List<Removal> results = new ArrayList<>();
        for (LockReport lock : locks) {
            results.add(remover.remove(lock, false));
        }
        pipeline.rescan();
        return results;
    }
}
