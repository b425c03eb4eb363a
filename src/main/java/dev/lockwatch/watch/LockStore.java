package dev.lockwatch.watch;

import dev.lockwatch.hold.Hold;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.RootError;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one source of truth for the locks on disk: path -> latest {@link LockReport}, plus the errors of the
 * roots being watched.
 *
 * <p>Concurrency contract: every method is thread-safe. Writes are serialised on the store's monitor and
 * listeners are called synchronously, on the writing thread, while that monitor is held, so they see events
 * in exactly the order the store changed. Listeners must therefore be quick and must not call back into the
 * store's write methods (queue the events and hand them to another thread instead). Idempotent: putting a
 * report that says the same as the stored one, or removing an absent path, emits nothing, so duplicate
 * watcher events are harmless. The 2026.8+ holds (leases, sessions, gateway locks) live in the same store under
 * the same monitor, per state dir, with listeners of their own ({@link HoldEvent}).
 */
public final class LockStore {
    private final Map<Path, LockReport> locks = new LinkedHashMap<>();
    private final Map<Path, List<RootError>> errorsByRoot = new LinkedHashMap<>();
    private final Map<Path, Map<String, Hold>> holdsByStateDir = new LinkedHashMap<>();
    private final Set<Path> sqliteEraDirs = new java.util.LinkedHashSet<>();
    private final List<Consumer<List<HoldEvent>>> holdListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<LockEvent>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> errorListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public LockStore(Clock clock) {
        this.clock = clock;
    }

    /** Registers a listener and returns the current content, atomically: no event is missed or seen twice. */
    public synchronized List<LockReport> subscribe(Consumer<List<LockEvent>> listener) {
        listeners.add(listener);
        return List.copyOf(locks.values());
    }

    public void unsubscribe(Consumer<List<LockEvent>> listener) {
        listeners.remove(listener);
    }

    public void onErrorsChanged(Runnable listener) {
        errorListeners.add(listener);
    }

    public synchronized List<LockReport> snapshot() {
        return List.copyOf(locks.values());
    }

    public synchronized LockReport get(Path path) {
        return locks.get(path);
    }

    public synchronized int size() {
        return locks.size();
    }

    /** Adds or updates one lock; emits {@code added} or {@code changed} only when something really changed. */
    public synchronized void put(LockReport report) {
        List<LockEvent> events = new ArrayList<>(1);
        putInto(report, clock.instant(), events);
        emit(events);
    }

    public synchronized void remove(Path path) {
        if (locks.remove(path) != null) {
            emit(List.of(new LockEvent.Removed(path, clock.instant())));
        }
    }

    /** Applies many reports at once (a batch of re-judged locks): one listener call. */
    public synchronized void putAll(Collection<LockReport> reports) {
        List<LockEvent> events = new ArrayList<>();
        Instant now = clock.instant();
        for (LockReport report : reports) {
            putInto(report, now, events);
        }
        emit(events);
    }

    /**
     * Makes the store equal to a fresh scan of {@code scope} (a root or a directory under it): locks under
     * the scope that the scan did not find are removed, the others put.
     */
    public synchronized void reconcile(Path scope, Collection<LockReport> found) {
        List<LockEvent> events = new ArrayList<>();
        Instant now = clock.instant();
        Set<Path> seen = new HashSet<>();
        for (LockReport report : found) {
            seen.add(report.path());
            putInto(report, now, events);
        }
        locks.keySet().removeIf(path -> {
            boolean gone = path.startsWith(scope) && !seen.contains(path);
            if (gone) {
                events.add(new LockEvent.Removed(path, now));
            }
            return gone;
        });
        emit(events);
    }

    /** Registers a listener of the 2026.8+ holds and returns the current ones, atomically (as {@link #subscribe}). */
    public synchronized List<Hold> subscribeHolds(Consumer<List<HoldEvent>> listener) {
        holdListeners.add(listener);
        return holds();
    }

    /** The watched state dirs that have a 2026.8+ state DB, as of their last read. */
    public synchronized Set<Path> sqliteEraDirs() {
        return Set.copyOf(sqliteEraDirs);
    }

    public synchronized List<Hold> holds() {
        return holdsByStateDir.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /**
     * Makes the 2026.8+ holds of one state dir equal to a fresh read of it: new ones {@code added}, those that say
     * something else {@code changed}, missing ones {@code removed}; nothing is emitted for a hold equal to the stored one.
     * Whether the dir is of the SQLite era is kept too: when only that changes, listeners get an empty batch.
     */
    public synchronized void reconcileHolds(Path stateDir, boolean sqliteEra, Collection<Hold> found) {
        boolean eraChanged = sqliteEra ? sqliteEraDirs.add(stateDir) : sqliteEraDirs.remove(stateDir);
        Instant now = clock.instant();
        Map<String, Hold> previous = holdsByStateDir.getOrDefault(stateDir, Map.of());
        Map<String, Hold> next = new LinkedHashMap<>();
        List<HoldEvent> events = new ArrayList<>();
        for (Hold hold : found) {
            next.put(hold.id(), hold);
            Hold before = previous.get(hold.id());
            if (!hold.equals(before)) {
                events.add(new HoldEvent.Put(hold, before == null, now));
            }
        }
        previous.forEach((id, hold) -> {
            if (!next.containsKey(id)) {
                events.add(new HoldEvent.Gone(id, hold.kind(), now));
            }
        });
        if (next.isEmpty()) {
            holdsByStateDir.remove(stateDir);
        } else {
            holdsByStateDir.put(stateDir, next);
        }
        if (!events.isEmpty() || eraChanged) {
            List<HoldEvent> frozen = List.copyOf(events);
            holdListeners.forEach(l -> l.accept(frozen));
        }
    }

    /** Replaces the errors reported for one root (empty to clear them). */
    public void setErrors(Path root, List<RootError> errors) {
        boolean changed;
        synchronized (this) {
            List<RootError> previous = errorsByRoot.get(root);
            changed = !errors.equals(previous == null ? List.of() : previous);
            if (errors.isEmpty()) {
                errorsByRoot.remove(root);
            } else {
                errorsByRoot.put(root, List.copyOf(errors));
            }
        }
        if (changed) {
            errorListeners.forEach(Runnable::run);
        }
    }

    public synchronized List<RootError> errors() {
        return errorsByRoot.values().stream().flatMap(List::stream).toList();
    }

    private void putInto(LockReport report, Instant now, List<LockEvent> events) {
        LockReport previous = locks.put(report.path(), report);
        if (previous == null) {
            events.add(new LockEvent.Added(report, now));
        } else if (!previous.sameAs(report)) {
            events.add(new LockEvent.Changed(report, now));
        }
    }

    private void emit(List<LockEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<LockEvent> frozen = List.copyOf(events);
        for (Consumer<List<LockEvent>> listener : listeners) {
            listener.accept(frozen);
        }
    }
}
