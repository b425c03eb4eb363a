package dev.lockwatch.watch;

import dev.lockwatch.lock.Printable;
import dev.lockwatch.lock.LockDiscovery;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.Rejudger;
import dev.lockwatch.lock.ScanResult;
import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link LockStore} equal to the lock files under some roots, live.
 *
 * <ul>
 *   <li>{@link #start} scans every root fully ({@link LockScanner#scan}), then
 *       {@link LockStore#reconcile reconciles} each root and sets its errors.</li>
 *   <li>One file watcher (directory-watcher, recursive, no hashing) follows every directory root on a single
 *       daemon thread named {@code lockwatch-watcher}. An event on a {@code *.jsonl.lock} path re-reads that
 *       one file ({@link LockScanner#rejudge(Path, Path)}) and puts or removes it; a directory created or deleted
 *       under a root has its whole subtree reconciled, so files written into a new directory before the watcher
 *       registered it are not missed.</li>
 *   <li>Lost events are expected, never trusted away: any exception from the watcher (an inotify overflow
 *       reaches the listener as one, since its event has no path) triggers a full rescan of every root, and
 *       every {@link WatchSettings#reconcileEvery()} every root is reconciled with the disk anyway.</li>
 *   <li>Every {@link WatchSettings#rejudgeEvery()} the stored locks are judged again from what was read before,
 *       with no disk I/O and one process snapshot, applied as one {@link LockStore#putAll batch}: ages cross
 *       the stale threshold and holders die without file events. Only locks whose holder facts changed or
 *       whose age crossed a threshold are judged ({@link Rejudger}).</li>
 *   <li>Every {@link WatchSettings#rootRetryEvery()} the roots themselves are checked: a root that disappeared
 *       loses its locks and gets a {@code no such directory} error; one that (re)appeared, or was replaced by
 *       another directory, is watched again and scanned back in. A root that is a file or unreadable is an
 *       error entry. A root that is a single lock file is not watched but re-read on this timer.</li>
 * </ul>
 *
 * <h2>Concurrency contract</h2>
 * <ul>
 *   <li>Every public method is thread-safe and returns at once: the work runs on the injected scheduler
 *       (scans, timers, root checks) and on the one watcher thread (file events), never on the caller's
 *       thread. The scheduler is the caller's: this service never shuts it down.</li>
 *   <li>Every write this service makes to the store is done under one internal lock, so a scan, a file event
 *       and a re-judge never interleave: a re-judge cannot bring back a lock a file event just removed, and a
 *       file event that arrives during a scan is applied after it, re-reading the disk, so the store ends
 *       equal to the disk. Writes are idempotent (see {@link LockStore}), so duplicate or late events are
 *       harmless.</li>
 *   <li>The store calls its listeners on the scheduler or the watcher thread, as it documents.</li>
 *   <li>State listeners ({@link #addStateListener}) are called on a service thread (a scheduler thread),
 *       one call at a time and in order, only when the {@link WatchState} differs from the last one
 *       delivered. The state that ends a full scan is delivered before any later file event reaches the
 *       store. Listeners must be quick and must not block; they may call {@link #rescan()}, {@link #setRoots}
 *       and {@link #state()}.</li>
 *   <li>No task ever throws out of the scheduler: failures are logged (SLF4J) and the next tick runs.</li>
 *   <li>{@link #close()} returns promptly: it cancels the timers, unsubscribes from the store and stops the
 *       watcher thread. Once it returns this service writes nothing more to the store (a scan already running
 *       finishes in the background and is discarded). The store keeps its content, so another service may take
 *       over the same store. Do not call it from a store listener.</li>
 * </ul>
 */
public final class LockWatchService implements AutoCloseable {
    static final String WATCHER_THREAD_NAME = "lockwatch-watcher";
    private static final Logger LOG = LoggerFactory.getLogger(LockWatchService.class);

    private final LockScanner scanner;
    private final Rejudger rejudger;
    private final LockStore store;
    private final ScheduledExecutorService scheduler;
    private final WatchSettings settings;
    private final ExecutorService watcherThread;

    /** Serialises scans, file events and re-judges; guards {@link #roots}. */
    private final ReentrantLock mutate = new ReentrantLock();
    /** Held for each store write and by {@link #close()}: once close returns, this service writes nothing more. */
    private final Object writeGate = new Object();
    private final Consumer<List<LockEvent>> storeListener = this::onStoreEvents;
    private final List<Consumer<WatchState>> stateListeners = new CopyOnWriteArrayList<>();
    private final Object stateMonitor = new Object();
    private final AtomicInteger visibleScans = new AtomicInteger();
    private final AtomicBoolean rescanPending = new AtomicBoolean();
    private final AtomicBoolean rootCheckPending = new AtomicBoolean();
    private final AtomicBoolean stateNotifyPending = new AtomicBoolean();
    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();

    private volatile List<Path> requested = List.of();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile boolean eventsSuppressed;
    private volatile Instant lastChange;
    private volatile int rootsWatched;
    private volatile Watch watch;
    private volatile String lastWatchFailure;
    private volatile long lastLostEventsWarning = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
    private WatchState lastNotified; // guarded by stateMonitor
    private Map<Path, Root> roots = Map.of(); // guarded by mutate: requested root -> what it is on disk

    public LockWatchService(LockScanner scanner, LockStore store, ScheduledExecutorService scheduler, WatchSettings settings) {
        this.scanner = Objects.requireNonNull(scanner);
        this.rejudger = new Rejudger(scanner);
        this.store = Objects.requireNonNull(store);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.settings = Objects.requireNonNull(settings);
        this.watcherThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, WATCHER_THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching; returns at once, the initial full scan runs on the scheduler. Only once. */
    public void start(List<Path> roots) {
        List<Path> normalized = normalize(roots);
        synchronized (writeGate) {
            if (closed) {
                throw new IllegalStateException("the watch service is closed");
            }
            if (started) {
                throw new IllegalStateException("the watch service is already started");
            }
            requested = normalized;
            started = true;
        }
        store.subscribe(storeListener);
        requestFullScan();
        schedule("reconcile", settings.reconcileEvery(), () -> locked(() -> sync(Mode.RECONCILE)));
        schedule("re-judge", settings.rejudgeEvery(), () -> locked(this::rejudgeStored));
        schedule("root check", settings.rootRetryEvery(), () -> locked(() -> sync(Mode.CHECK)));
        if (closed) {
            timers.forEach(t -> t.cancel(false));
        }
    }

    /**
     * Replaces the roots (async): new roots are scanned and watched, the locks of removed roots leave the
     * store and their errors are cleared. Before {@link #start} it only sets the roots.
     */
    public void setRoots(List<Path> roots) {
        requested = normalize(roots);
        if (started) {
            requestFullScan();
        }
    }

    /** The roots asked for, absolute and normalised, without duplicates, in the order given. */
    public List<Path> roots() {
        return requested;
    }

    /** A full rescan of every root now (async); {@link WatchState#scanning()} is true until it is done. */
    public void rescan() {
        if (started) {
            requestFullScan();
        }
    }

    public WatchState state() {
        return new WatchState(visibleScans.get() > 0, rootsWatched, lastChange);
    }

    /** Called on a service thread whenever the state changes; see the class comment. */
    public void addStateListener(Consumer<WatchState> listener) {
        stateListeners.add(Objects.requireNonNull(listener));
    }

    /** Delivers the current state to the listeners again (async, in order with every other state delivery). */
    public void resendState() {
        submit("state notification", () -> {
            synchronized (stateMonitor) {
                lastNotified = null;
                fireState();
            }
        });
    }

    @Override
    public void close() {
        synchronized (writeGate) {
            if (closed) {
                return;
            }
            closed = true;
        }
        timers.forEach(t -> t.cancel(false));
        store.unsubscribe(storeListener);
        Watch current = watch;
        if (current != null) {
            current.close();
        }
        watcherThread.shutdown();
    }

    // ---- test hooks -------------------------------------------------------------------------------------

    /** Drops every file event while true, as if the watcher had lost them. For tests. */
    void suppressEvents(boolean suppress) {
        eventsSuppressed = suppress;
    }

    /** What the watcher does when it fails (an inotify overflow arrives this way). For tests. */
    void simulateWatcherException(Exception e) {
        onWatcherException(e);
    }

    // ---- file events (watcher thread) -------------------------------------------------------------------

    /** One file event, as the watcher delivers it; package-private so tests can deliver duplicates. */
    void onWatcherEvent(DirectoryChangeEvent.EventType type, Path path, boolean isDirectory) {
        if (closed || eventsSuppressed) {
            return;
        }
        if (type == DirectoryChangeEvent.EventType.OVERFLOW || path == null) {
            onWatcherException(new IllegalStateException("event " + type + " without a path: events were lost"));
            return;
        }
        mutate.lock();
        try {
            // A full scan that has not started yet will read the disk after this change: it covers it. Skipping
            // keeps a burst that overflowed the watcher from being replayed one file at a time.
            if (!closed && !rescanPending.get()) {
                applyEvent(type, path, isDirectory);
            }
        } catch (RuntimeException e) {
            LOG.debug("applying the file event {} {} failed", type, path, e);
            onWatcherException(e);
        } finally {
            mutate.unlock();
        }
    }

    private void applyEvent(DirectoryChangeEvent.EventType type, Path path, boolean isDirectory) {
        Root root = rootFor(path);
        if (root == null) {
            return; // a late event from a root that is no longer watched
        }
        boolean directory = isDirectory
                || (type != DirectoryChangeEvent.EventType.DELETE && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS));
        if (directory && type != DirectoryChangeEvent.EventType.MODIFY) {
            reconcileSubtree(path);
            if (type == DirectoryChangeEvent.EventType.DELETE) {
                requestRootCheck(); // it may have been (or held) a root: notice now rather than at the next tick
            }
        }
        if (LockDiscovery.isLockName(path)) {
            LockReport report = scanner.rejudge(path, root.reportRoot());
            write(() -> {
                if (report == null) {
                    store.remove(path);
                } else {
                    store.put(report);
                }
            });
        }
    }

    private void onWatcherException(Exception e) {
        if (closed) {
            return;
        }
        if (requestFullScan()) {
            // An inotify overflow arrives as a NullPointerException from inside directory-watcher: normal under a
            // burst, and handled; say so at most once a minute.
            long now = System.nanoTime();
            if (now - lastLostEventsWarning > TimeUnit.MINUTES.toNanos(1)) {
                lastLostEventsWarning = now;
                LOG.warn("the file watcher lost events or failed ({}); rescanning every root", describe(e));
            } else {
                LOG.debug("the file watcher lost events or failed ({}); rescanning every root", describe(e));
            }
            LOG.debug("file watcher exception", e);
        }
    }

    private void reconcileSubtree(Path dir) {
        List<LockReport> found = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                ? attributed(scanner.scan(List.of(dir)).locks())
                : List.of();
        write(() -> store.reconcile(dir, found));
    }

    // ---- scans, root checks, re-judging (scheduler, under mutate) ---------------------------------------

    private enum Mode {
        /** A full scan someone asked for (start, rescan, new roots, lost events): counted as scanning. */
        REQUESTED,
        /** The periodic full reconcile: quiet unless the roots changed; unchanged files are not read again. */
        RECONCILE,
        /** The periodic root check: scans only what changed, and re-reads single-file roots. */
        CHECK
    }

    /** Brings roots, watcher and store in line with the disk. Caller holds {@link #mutate}. */
    private void sync(Mode mode) {
        Map<Path, Root> previous = roots;
        Map<Path, Root> next = new LinkedHashMap<>();
        for (Path key : requested) {
            next.put(key, Root.of(key));
        }
        roots = next;
        for (Root old : previous.values()) {
            Root now = next.get(old.key());
            if (now == null || !now.scope().equals(old.scope())) {
                dropScope(old.scope());
            }
            if (now == null) {
                write(() -> store.setErrors(old.key(), List.of()));
            }
        }
        Map<Path, Object> wanted = watchedDirs(next.values());
        Watch current = watch;
        boolean rebuilt = current == null || current.dead || !current.dirs.equals(wanted);
        if (rebuilt) {
            rebuildWatch(wanted);
        }
        boolean changed = !next.equals(previous);
        boolean visible = mode != Mode.REQUESTED && changed;
        if (visible) {
            visibleScans.incrementAndGet();
            fireState();
        }
        try {
            if (mode != Mode.CHECK || changed || rebuilt) {
                // The periodic reconcile reads again only files whose mtime or size changed: the watcher reports
                // changes; this net catches files it missed, without re-reading 10,000 locks every time.
                boolean reuse = mode == Mode.RECONCILE && !changed && !rebuilt;
                scanRoots(next.values(), reuse);
            } else {
                scanRoots(next.values().stream().filter(r -> r.kind() == Root.Kind.LOCK_FILE).toList(), false);
            }
        } finally {
            rootsWatched = countWatched(next.values());
            if (visible) {
                visibleScans.decrementAndGet();
            }
            fireState();
        }
    }

    private void scanRoots(Collection<Root> toScan, boolean reuseUnchanged) {
        for (Root root : toScan) {
            if (closed) {
                return;
            }
            ScanResult result = reuseUnchanged ? scanner.scan(List.of(root.key()), store::get) : scanner.scan(List.of(root.key()));
            List<LockReport> found = attributed(result.locks());
            write(() -> {
                store.reconcile(root.scope(), found);
                store.setErrors(root.key(), result.errors());
            });
        }
    }

    /** Removes the stored locks under a scope that no root covers any more. */
    private void dropScope(Path scope) {
        List<LockReport> stillCovered = store.snapshot().stream()
                .filter(r -> r.path().startsWith(scope) && rootFor(r.path()) != null)
                .toList();
        write(() -> store.reconcile(scope, stillCovered));
    }

    private void rejudgeStored() {
        List<LockReport> current = store.snapshot();
        if (current.isEmpty()) {
            return;
        }
        // Only what changed is filtered (a root removed meanwhile): checking 10,000 paths every 2 s cost more.
        List<LockReport> batch = rejudger.rejudge(current).stream().filter(r -> rootFor(r.path()) != null).toList();
        if (!batch.isEmpty()) {
            write(() -> store.putAll(batch));
        }
    }

    /** Scanned reports with the root they are shown under: the deepest root that holds them. */
    private List<LockReport> attributed(List<LockReport> reports) {
        List<LockReport> out = new ArrayList<>(reports.size());
        for (LockReport report : reports) {
            Root root = rootFor(report.path());
            if (root == null) {
                continue;
            }
            Path shownUnder = root.reportRoot();
            out.add(Objects.equals(shownUnder, report.root()) ? report : withRoot(report, shownUnder));
        }
        return out;
    }

    private static LockReport withRoot(LockReport r, Path root) {
        return new LockReport(r.path(), root, r.payload(), r.raw(), r.modified(), r.identity(), r.judgedAt(), r.holder(),
                r.verdict(), r.reasons(), r.removable(), r.note(), r.error());
    }

    /** The deepest root whose scope holds {@code path}, or null. Caller holds {@link #mutate}. */
    private Root rootFor(Path path) {
        Root best = null;
        for (Root root : roots.values()) {
            if (path.startsWith(root.scope()) && (best == null || root.scope().getNameCount() > best.scope().getNameCount())) {
                best = root;
            }
        }
        return best;
    }

    /** The directories to give the watcher (roots inside another watched root are covered by it), with identities. */
    private static Map<Path, Object> watchedDirs(Collection<Root> roots) {
        List<Root> dirs = roots.stream().filter(r -> r.kind() == Root.Kind.DIRECTORY).toList();
        Map<Path, Object> wanted = new LinkedHashMap<>();
        for (Root root : dirs) {
            boolean nested = dirs.stream().anyMatch(o -> !o.scope().equals(root.scope()) && root.scope().startsWith(o.scope()));
            if (!nested) {
                wanted.putIfAbsent(root.scope(), root.identity());
            }
        }
        return wanted;
    }

    private int countWatched(Collection<Root> roots) {
        Watch current = watch;
        int n = 0;
        for (Root root : roots) {
            if (root.kind() == Root.Kind.LOCK_FILE
                    || (root.kind() == Root.Kind.DIRECTORY && current != null && !current.dead && current.covers(root.scope()))) {
                n++;
            }
        }
        return n;
    }

    // ---- the watcher ------------------------------------------------------------------------------------

    /** Replaces the file watcher. Caller holds {@link #mutate}. */
    private void rebuildWatch(Map<Path, Object> dirs) {
        Watch old = watch;
        if (old != null) {
            old.close();
        }
        Watch fresh = new Watch(dirs);
        watch = fresh;
        if (dirs.isEmpty() || closed) {
            return;
        }
        try {
            DirectoryWatcher watcher = DirectoryWatcher.builder()
                    .paths(List.copyOf(dirs.keySet()))
                    .listener(new Listener(fresh))
                    .fileHashing(false)
                    .build();
            fresh.watcher = watcher;
            if (closed) {
                fresh.close();
                return;
            }
            // Registers every directory now (on this thread), then runs the event loop on the watcher thread.
            CompletableFuture<Void> loop = watcher.watchAsync(watcherThread);
            loop.whenComplete((ignored, failure) -> watchEnded(fresh, failure));
            if (!fresh.dead) {
                lastWatchFailure = null;
            }
        } catch (IOException | RuntimeException e) {
            fresh.dead = true;
            logWatchFailure(e);
        }
    }

    private void watchEnded(Watch ended, Throwable failure) {
        if (closed || ended.closing) {
            return;
        }
        ended.dead = true;
        if (failure != null) {
            logWatchFailure(failure); // retried at the next root check, not at once: no busy loop
        } else {
            LOG.info("the file watcher stopped: every watched directory is gone");
            requestRootCheck();
        }
    }

    private void logWatchFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = describe(cause);
        if (!message.equals(lastWatchFailure)) {
            LOG.warn("cannot watch the roots ({}); retrying every {} and rescanning meanwhile", message, settings.rootRetryEvery());
            LOG.debug("file watcher failure", cause);
        }
        lastWatchFailure = message;
    }

    /** One generation of the file watcher. */
    private static final class Watch {
        final Map<Path, Object> dirs;
        volatile DirectoryWatcher watcher;
        volatile boolean dead;
        volatile boolean closing;

        Watch(Map<Path, Object> dirs) {
            this.dirs = Collections.unmodifiableMap(new LinkedHashMap<>(dirs)); // identities may be null (no file keys)
        }

        boolean covers(Path scope) {
            return dirs.keySet().stream().anyMatch(scope::startsWith);
        }

        void close() {
            closing = true;
            DirectoryWatcher w = watcher;
            if (w != null) {
                try {
                    w.close();
                } catch (IOException | RuntimeException e) {
                    LOG.debug("closing the file watcher failed", e);
                }
            }
        }
    }

    private final class Listener implements DirectoryChangeListener {
        private final Watch owner;

        Listener(Watch owner) {
            this.owner = owner;
        }

        @Override
        public void onEvent(DirectoryChangeEvent event) {
            onWatcherEvent(event.eventType(), event.path(), event.isDirectory());
        }

        @Override
        public void onException(Exception e) {
            onWatcherException(e);
        }

        @Override
        public boolean isWatching() {
            return !closed && !owner.closing;
        }
    }

    /** What a requested root is on disk right now. */
    record Root(Path key, Path scope, Kind kind, Object identity) {
        enum Kind { DIRECTORY, LOCK_FILE, OTHER }

        /** Resolved as {@link LockDiscovery} resolves roots: absolute, normalised, a symlinked root followed once. */
        static Root of(Path key) {
            Path scope = key;
            try {
                if (Files.isSymbolicLink(key)) {
                    scope = key.toRealPath();
                }
                BasicFileAttributes attrs = Files.readAttributes(scope, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    return new Root(key, scope, Kind.DIRECTORY, attrs.fileKey());
                }
                if (attrs.isRegularFile() && LockDiscovery.isLockName(scope)) {
                    return new Root(key, scope, Kind.LOCK_FILE, null);
                }
            } catch (IOException | SecurityException e) {
                // missing, dangling or unreadable: the scan reports why
            }
            return new Root(key, scope, Kind.OTHER, null);
        }

        /** The root its locks are reported under (a single lock file is shown under its directory, as scan does). */
        Path reportRoot() {
            return kind == Kind.LOCK_FILE ? scope.getParent() : scope;
        }
    }

    // ---- scheduling and state ---------------------------------------------------------------------------

    /** Asks for one full scan; folds into one already waiting. True when this call scheduled it. */
    private boolean requestFullScan() {
        if (closed || !rescanPending.compareAndSet(false, true)) {
            return false;
        }
        visibleScans.incrementAndGet();
        requestStateNotify();
        boolean submitted = submit("full scan", () -> {
            mutate.lock();
            try {
                rescanPending.set(false);
                if (!closed) {
                    fireState(); // scanning: delivered by the scan itself, so never skipped however fast it is
                    sync(Mode.REQUESTED);
                }
            } finally {
                visibleScans.decrementAndGet();
                try {
                    fireState();
                } finally {
                    mutate.unlock();
                }
            }
        });
        if (!submitted) {
            rescanPending.set(false);
            visibleScans.decrementAndGet();
        }
        return submitted;
    }

    private void requestRootCheck() {
        if (closed || !rootCheckPending.compareAndSet(false, true)) {
            return;
        }
        if (!submit("root check", () -> {
            rootCheckPending.set(false);
            locked(() -> sync(Mode.CHECK));
        })) {
            rootCheckPending.set(false);
        }
    }

    private void onStoreEvents(List<LockEvent> events) {
        // Called under the store's monitor: record and hand off, nothing more.
        if (!events.isEmpty()) {
            lastChange = events.get(events.size() - 1).at();
            requestStateNotify();
        }
    }

    private void requestStateNotify() {
        if (stateNotifyPending.compareAndSet(false, true)
                && !submit("state notification", () -> {
                    stateNotifyPending.set(false);
                    fireState();
                })) {
            stateNotifyPending.set(false);
        }
    }

    /** Delivers the current state to the listeners if it differs from the last one delivered. */
    private void fireState() {
        synchronized (stateMonitor) {
            WatchState now = state();
            if (now.equals(lastNotified)) {
                return;
            }
            lastNotified = now;
            for (Consumer<WatchState> listener : stateListeners) {
                try {
                    listener.accept(now);
                } catch (RuntimeException e) {
                    LOG.warn("a watch state listener failed", e);
                }
            }
        }
    }

    /** Runs one store write unless closed, atomically with respect to {@link #close()}. */
    private void write(Runnable storeWrite) {
        synchronized (writeGate) {
            if (!closed) {
                storeWrite.run();
            }
        }
    }

    private void locked(Runnable body) {
        mutate.lock();
        try {
            if (!closed) {
                body.run();
            }
        } finally {
            mutate.unlock();
        }
    }

    private void schedule(String what, Duration every, Runnable task) {
        long millis = Math.max(1, every.toMillis());
        try {
            timers.add(scheduler.scheduleWithFixedDelay(guard(what, task), millis, millis, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            LOG.warn("cannot schedule the {}: the scheduler is shut down", what);
        }
    }

    private boolean submit(String what, Runnable task) {
        try {
            scheduler.execute(guard(what, task));
            return true;
        } catch (RejectedExecutionException e) {
            if (!closed) {
                LOG.warn("cannot run the {}: the scheduler is shut down", what);
            }
            return false;
        }
    }

    /** Never lets a failure out of a scheduler task: a thrown exception would cancel a periodic task. */
    private Runnable guard(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("the {} failed; it will run again", what, t);
            }
        };
    }

    private static List<Path> normalize(List<Path> roots) {
        LinkedHashSet<Path> unique = new LinkedHashSet<>();
        for (Path root : roots) {
            unique.add(root.toAbsolutePath().normalize());
        }
        return List.copyOf(unique);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + Printable.terminal(message)); // may name hostile files
    }
}
