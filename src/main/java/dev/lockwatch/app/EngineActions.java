package dev.lockwatch.app;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.audit.AuditReader;
import dev.lockwatch.clean.CleanPolicy;
import dev.lockwatch.clean.Removal;
import dev.lockwatch.clean.SafeRemover;
import dev.lockwatch.gateway.GatewayDiscovery;
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
        return RestartPlanner.plan(GatewayDiscovery.findForRoots(pipeline.roots(), pipeline.scanner().probe()), choice,
                pipeline.store().snapshot(), pid -> AuditReader.lastSignalled(audit.file(), pid), clock.instant());
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
