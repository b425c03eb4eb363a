package dev.lockwatch.app;

import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.watch.LockStore;
import dev.lockwatch.watch.WatchState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What runs behind a window and needs no toolkit: the clock, the scheduler, the store and the watcher
 * ({@link Pipeline}). The app starts it before the JavaFX toolkit, so the first full scan runs while the
 * toolkit starts and the first frame already shows the locks; the window then {@link #follow adjusts} it to
 * the roots and threshold its settings hold.
 *
 * <p>Thread-safety: {@link #startEarly} may run on any thread before the window exists; everything else is
 * called from the FX thread. Watch states go to the listener set last (none before the window attaches).
 */
final class Engine implements AutoCloseable {
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, new NamedThreads("lockwatch-scheduler"));
    private final LockStore store = new LockStore(clock);
    private volatile Consumer<WatchState> stateListener = state -> { };
    private final Pipeline pipeline = new Pipeline(ProcessProbes.forThisPlatform(), store, scheduler, clock,
            state -> stateListener.accept(state));
    private List<Path> startedRoots;
    private Duration startedStaleAfter;

    /** Starts watching now, before any window; the window calls {@link #follow} with what its settings say. */
    synchronized Engine startEarly(List<Path> roots, Duration staleAfter) {
        startedRoots = List.copyOf(roots);
        startedStaleAfter = Objects.requireNonNull(staleAfter);
        pipeline.start(startedRoots, startedStaleAfter);
        return this;
    }

    /** Watches these roots with this threshold: starts, or changes only what differs from the early start. */
    synchronized void follow(List<Path> roots, Duration staleAfter, Consumer<WatchState> listener) {
        stateListener = Objects.requireNonNull(listener);
        if (startedRoots == null) {
            startEarly(roots, staleAfter);
            return;
        }
        if (!startedStaleAfter.equals(staleAfter)) {
            startedStaleAfter = staleAfter;
            pipeline.restartWith(staleAfter);
        }
        if (!startedRoots.equals(List.copyOf(roots))) {
            startedRoots = List.copyOf(roots);
            pipeline.setRoots(startedRoots);
        }
        pipeline.resendState(); // states delivered before the window listened went nowhere
    }

    Clock clock() {
        return clock;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    LockStore store() {
        return store;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        pipeline.close();
        scheduler.shutdownNow();
    }
}
