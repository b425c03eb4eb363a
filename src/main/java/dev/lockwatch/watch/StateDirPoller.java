package dev.lockwatch.watch;

import dev.lockwatch.source.StateDirHolds;
import dev.lockwatch.source.StateDirSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store's 2026.8+ holds equal to the databases: every {@code every} it reads each watched state dir
 * ({@link StateDirSource}: short read-only transactions, connection closed after each) and reconciles the store.
 * Polling rather than file events, because the gateway's WAL may change or be truncated without an event Lockwatch
 * can rely on; ages and expiries are re-judged on the same tick.
 *
 * <p>Concurrency: runs on the injected scheduler; at most one read is in flight (a tick that finds the previous one
 * still running is skipped). Exceptions are logged and the next tick tries again. {@link #close} stops the ticks.
 */
public final class StateDirPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateDirPoller.class);

    private final StateDirSource source;
    private final LockStore store;
    private final Supplier<List<Path>> roots;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile ScheduledFuture<?> timer;

    public StateDirPoller(StateDirSource source, LockStore store, Supplier<List<Path>> roots) {
        this.source = source;
        this.store = store;
        this.roots = roots;
    }

    public void start(ScheduledExecutorService scheduler, Duration every) {
        timer = scheduler.scheduleWithFixedDelay(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One read of every watched state dir, now, on the calling thread (unless a read is already running). */
    public void tick() {
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Path root : roots.get()) {
                StateDirHolds holds = Files.isDirectory(root) ? source.read(root) : StateDirHolds.none(root);
                store.reconcileHolds(root, holds.sqliteEra(), holds.holds());
            }
        } catch (RuntimeException e) {
            LOG.warn("reading the 2026.8+ state failed; trying again at the next tick", e);
        } finally {
            inFlight.set(false);
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
