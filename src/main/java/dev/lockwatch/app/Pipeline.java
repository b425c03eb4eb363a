package dev.lockwatch.app;

import dev.lockwatch.engine.EngineAssembly;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.ui.locktable.WatchControl;
import dev.lockwatch.watch.LockStore;
import dev.lockwatch.watch.LockWatchService;
import dev.lockwatch.watch.StateDirPoller;
import dev.lockwatch.watch.WatchState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The watcher behind the window: one {@link LockWatchService} feeding the shared {@link LockStore}. A new
 * stale threshold means a new judge, so the service is replaced; the store (and so the table) stays.
 * Methods are called from the FX thread and return at once.
 */
final class Pipeline implements WatchControl, AutoCloseable {
    /** How often the 2026.8+ databases are read again (as {@code watch} does). */
    static final Duration HOLD_POLL = Duration.ofMillis(500);
    private final ProcessProbe probe;
    private final LockStore store;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<WatchState> stateListener;
    private volatile LockWatchService service;
    private volatile StateDirPoller poller;
    private volatile LockScanner scanner;
    private volatile List<Path> roots;

    Pipeline(ProcessProbe probe, LockStore store, ScheduledExecutorService scheduler, Clock clock, Consumer<WatchState> stateListener) {
        this.probe = probe;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.stateListener = stateListener;
    }

    synchronized void start(List<Path> roots, Duration staleAfter) {
        this.roots = List.copyOf(roots);
        EngineAssembly engine = new EngineAssembly(probe, clock, this::roots, staleAfter, EngineAssembly.WINDOW_GATEWAY_TTL);
        scanner = engine.scanner();
        service = engine.watchService(scanner, store, scheduler);
        poller = new StateDirPoller(engine.stateDirSource(), store, this::roots);
        poller.start(scheduler, HOLD_POLL);
        service.addStateListener(stateListener);
        service.start(this.roots);
    }

    /** The scanner of the running service (it changes with the stale threshold). */
    LockScanner scanner() {
        return scanner;
    }

    LockStore store() {
        return store;
    }

    /** Not synchronized: the watcher thread asks while the FX thread may hold the monitor in {@link #restartWith}. */
    public List<Path> roots() {
        List<Path> current = roots;
        return current == null ? List.of() : current;
    }

    synchronized void restartWith(Duration staleAfter) {
        poller.close();
        service.close();
        start(roots, staleAfter);
    }

    @Override
    public synchronized void rescan() {
        service.rescan();
    }

    @Override
    public synchronized void setRoots(List<Path> roots) {
        this.roots = List.copyOf(roots);
        service.setRoots(this.roots);
    }

    /** Has the running service deliver its current state to the state listener again. */
    synchronized void resendState() {
        if (service != null) {
            service.resendState();
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.close();
        }
        if (service != null) {
            service.close();
        }
    }
}
