package dev.lockwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockDiscovery;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.RootError;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import io.methvin.watcher.DirectoryChangeEvent.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live pipeline against real files and real processes: every assertion waits for the store to reach a
 * state (generous deadlines), none asserts on speed.
 */
class LockWatchServiceTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Reconcile effectively never (so only events, rescans and re-judges can change the store), the rest fast. */
    private static final WatchSettings NO_RECONCILE = new WatchSettings(Duration.ofMinutes(10), Duration.ofMillis(200), Duration.ofMillis(200));

    @TempDir
    Path tmp;

    private ScheduledExecutorService scheduler;
    private LockStore store;
    private final List<LockEvent> events = new CopyOnWriteArrayList<>();
    private final List<WatchState> states = new CopyOnWriteArrayList<>();
    private LockWatchService service;
    private long deadPid;

    @BeforeEach
    void setUp() throws Exception {
        AtomicInteger n = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "test-scheduler-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        store = new LockStore(Clock.systemUTC());
        store.subscribe(events::addAll);
        deadPid = ChildProcess.reapedPid();
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void lockCreatedRewrittenAndDeletedIsAddedChangedAndRemoved() throws Exception {
        Path state = tmp.resolve("state");
        Path sessions = LockFiles.sessionsDir(state, "main");
        start(NO_RECONCILE, state);
        assertThat(store.snapshot()).isEmpty();

        Path lock = LockFiles.write(sessions.resolve("s1.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("the new lock is added", () -> store.get(lock) != null);
        assertThat(eventsFor(lock)).first().isInstanceOf(LockEvent.Added.class);
        assertThat(store.get(lock).root()).isEqualTo(state);
        assertThat(store.get(lock).verdict()).isEqualTo(Verdict.STALE);

        Instant later = Instant.parse("2026-03-01T10:00:00Z");
        LockFiles.write(lock, deadPid, later, null);
        awaitUntil("the rewritten lock is changed", () -> store.get(lock) != null && later.equals(store.get(lock).payload().createdAt()));
        assertThat(eventsFor(lock)).last().isInstanceOf(LockEvent.Changed.class);

        Files.delete(lock);
        awaitUntil("the deleted lock is removed", () -> store.get(lock) == null);
        assertThat(eventsFor(lock)).last().isInstanceOf(LockEvent.Removed.class);
        assertThat(store.errors()).isEmpty();
    }

    @Test
    void newSessionDirsWithALockWrittenAtOnceAreAllSeen() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        start(NO_RECONCILE, state);

        List<Path> locks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // mkdir -p of up to three levels, then the lock at once: faster than the watcher registers them
            Path sessions = Files.createDirectories(state.resolve("agents").resolve("agent" + i).resolve("sessions"));
            locks.add(LockFiles.write(sessions.resolve("s" + i + ".jsonl.lock"), deadPid, Instant.now(), null));
        }
        Path deep = Files.createDirectories(state.resolve("x/y/z/agents/deep/sessions"));
        locks.add(LockFiles.write(deep.resolve("d.jsonl.lock"), deadPid, Instant.now(), null));

        awaitUntil("every lock in the new dirs is in the store", () -> locks.stream().allMatch(l -> store.get(l) != null));
        assertThat(store.size()).isEqualTo(locks.size());
    }

    @Test
    void deletedRootLosesItsLocksWithAnErrorAndComesBackWhenRecreated() throws Exception {
        Path state = tmp.resolve("state");
        Path other = tmp.resolve("other");
        Path lock = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("a.jsonl.lock"), deadPid, Instant.now(), null);
        Path otherLock = LockFiles.write(LockFiles.sessionsDir(other, "main").resolve("b.jsonl.lock"), deadPid, Instant.now(), null);
        start(NO_RECONCILE, state, other);
        assertThat(store.get(lock)).isNotNull();
        assertThat(service.state().rootsWatched()).isEqualTo(2);

        deleteTree(state);
        awaitUntil("the deleted root's lock leaves the store with an error for the root",
                () -> store.get(lock) == null && store.errors().contains(new RootError(state, "no such directory")));
        awaitUntil("the deleted root is no longer counted as watched", () -> service.state().rootsWatched() == 1);
        assertThat(store.get(otherLock)).as("the other root is untouched").isNotNull();

        Path back = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("c.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("the recreated root is scanned back in and its error cleared",
                () -> store.get(back) != null && store.errors().isEmpty() && service.state().rootsWatched() == 2);

        // and it is watched live again, not only rescanned
        Path afterwards = LockFiles.write(state.resolve("agents/main/sessions/d.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("a lock created in the recreated root is seen", () -> store.get(afterwards) != null);
        Files.delete(afterwards);
        awaitUntil("and its removal too", () -> store.get(afterwards) == null);
    }

    @Test
    void aRootReplacedByAnotherDirectoryBetweenChecksIsWatchedAgain() throws Exception {
        Path state = tmp.resolve("state");
        LockFiles.sessionsDir(state, "main");
        Path keep = LockFiles.write(tmp.resolve("other/k.jsonl.lock"), deadPid, Instant.now(), null);
        start(NO_RECONCILE, state, tmp.resolve("other"));
        Path moved = tmp.resolve("moved");
        Files.move(state, moved); // the watched dir lives on elsewhere; a new one takes its name
        Path lock = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("n.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("the lock in the replacement root is seen", () -> store.get(lock) != null);
        Path later = LockFiles.write(state.resolve("agents/main/sessions/m.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("the replacement root is watched live", () -> store.get(later) != null);
        assertThat(store.get(keep)).isNotNull();
    }

    @Test
    void aSymlinkedRootAndDirectoriesMovedInAndOutAndLocksReplacedByRename() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        start(NO_RECONCILE, link);
        Path lock = LockFiles.write(real.resolve("agents/main/sessions/a.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("a lock under a symlinked root is seen at its real path", () -> store.get(lock) != null);
        assertThat(store.get(lock).root()).isEqualTo(real);

        Path outside = LockFiles.write(tmp.resolve("outside/agents/ops/sessions/b.jsonl.lock"), deadPid, Instant.now(), null);
        Files.move(tmp.resolve("outside/agents/ops"), real.resolve("agents/ops"));
        Path movedIn = real.resolve("agents/ops/sessions/b.jsonl.lock");
        awaitUntil("a directory moved in brings its lock", () -> store.get(movedIn) != null);
        assertThat(outside).doesNotExist();

        Files.move(real.resolve("agents/ops"), tmp.resolve("gone"));
        awaitUntil("a directory moved out takes its lock along", () -> store.get(movedIn) == null);

        Instant later = Instant.parse("2026-03-01T10:00:00Z");
        Path temp = LockFiles.write(real.resolve("agents/main/sessions/a.jsonl.lock.tmp"), deadPid, later, null);
        Files.move(temp, lock, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        awaitUntil("a lock replaced by rename is re-read", () -> store.get(lock) != null && later.equals(store.get(lock).payload().createdAt()));
        assertThat(storePaths()).containsExactly(lock);
    }

    @Test
    void duplicateEventsAreHarmless() throws Exception {
        Path state = tmp.resolve("state");
        Path lock = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("a.jsonl.lock"), deadPid, Instant.now(), null);
        start(NO_RECONCILE, state);
        assertThat(store.get(lock)).isNotNull();
        events.clear();

        for (int i = 0; i < 3; i++) {
            service.onWatcherEvent(EventType.CREATE, lock, false);
            service.onWatcherEvent(EventType.MODIFY, lock, false);
            service.onWatcherEvent(EventType.CREATE, lock.getParent(), true);
        }
        assertThat(events).as("re-reading an unchanged lock changes nothing").isEmpty();
        assertThat(store.size()).isEqualTo(1);

        Files.delete(lock);
        awaitUntil("the lock is removed", () -> store.get(lock) == null);
        for (int i = 0; i < 3; i++) {
            service.onWatcherEvent(EventType.DELETE, lock, false);
            service.onWatcherEvent(EventType.CREATE, lock, false); // a late create for a file already gone
            service.onWatcherEvent(EventType.DELETE, lock.getParent(), true);
        }
        assertThat(events).hasSize(1).first().isInstanceOf(LockEvent.Removed.class);
        assertThat(store.snapshot()).isEmpty();
    }

    @Test
    void aWatcherExceptionRescansAndPicksUpWhatTheWatcherMissed() throws Exception {
        Path state = tmp.resolve("state");
        Path sessions = LockFiles.sessionsDir(state, "main");
        Path old = LockFiles.write(sessions.resolve("old.jsonl.lock"), deadPid, Instant.now(), null);
        start(NO_RECONCILE, state);
        assertThat(store.get(old)).isNotNull();

        service.suppressEvents(true); // as on an inotify overflow: these changes never arrive as events
        Path fresh = LockFiles.write(sessions.resolve("fresh.jsonl.lock"), deadPid, Instant.now(), null);
        Files.delete(old);
        Path inNewDir = LockFiles.write(LockFiles.sessionsDir(state, "other").resolve("x.jsonl.lock"), deadPid, Instant.now(), null);
        assertThat(store.get(fresh)).as("no event was delivered, no reconcile is due").isNull();
        assertThat(store.get(old)).isNotNull();

        // What directory-watcher does on an overflow: its OVERFLOW event has no path, so it throws inside and
        // hands the exception to the listener.
        service.simulateWatcherException(new NullPointerException());
        awaitUntil("the rescan brought the store in line with the disk",
                () -> store.get(fresh) != null && store.get(inNewDir) != null && store.get(old) == null);
        assertThat(states).anyMatch(WatchState::scanning);
        awaitUntil("scanning ends", () -> !service.state().scanning());
    }

    @Test
    void thePeriodicReconcileCatchesAChangeTheWatcherNeverReported() throws Exception {
        Path state = tmp.resolve("state");
        Path sessions = LockFiles.sessionsDir(state, "main");
        Path old = LockFiles.write(sessions.resolve("old.jsonl.lock"), deadPid, Instant.now(), null);
        start(new WatchSettings(Duration.ofMillis(300), Duration.ofMinutes(10), Duration.ofMinutes(10)), state);
        assertThat(store.get(old)).isNotNull();

        Path rewritten = LockFiles.write(sessions.resolve("rewritten.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("the second lock", () -> store.get(rewritten) != null);

        service.suppressEvents(true);
        Path fresh = LockFiles.write(sessions.resolve("fresh.jsonl.lock"), deadPid, Instant.now(), null);
        Files.delete(old);
        // rewritten in place: the reconcile reads again only files whose mtime or size changed, as this one's did
        LockFiles.write(rewritten, "{\"pid\":" + deadPid + ",\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"maxHoldMs\":60000}");
        awaitUntil("the reconcile timer made the store equal to the disk", () -> store.get(fresh) != null && store.get(old) == null
                && store.get(rewritten).payload().maxHoldMs() != null);
        assertThat(store.errors()).isEmpty();
    }

    @Test
    void aKilledHolderTurnsTheLockStaleThroughThePeriodicRejudgeAlone() throws Exception {
        Path state = tmp.resolve("state");
        Path lock = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("held.jsonl.lock"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(lock)) {
            LockFiles.write(lock, holder.pid(), Instant.now(), holder.starttime());
            start(NO_RECONCILE, state);
            awaitUntil("the held lock is live", () -> store.get(lock) != null && store.get(lock).verdict() == Verdict.LIVE);
            assertThat(store.get(lock).holder().holdsOpen()).isTrue();

            service.suppressEvents(true); // no file event may explain what follows
            holder.close();
            awaitUntil("the re-judge saw the holder die", () -> store.get(lock).verdict() == Verdict.STALE);
            LockReport stale = store.get(lock);
            assertThat(stale.reasons()).first().isEqualTo(Reason.DEAD_PID);
            assertThat(stale.removable()).isTrue();
            assertThat(eventsFor(lock)).last().isInstanceOf(LockEvent.Changed.class);
        }
    }

    @Test
    void aBurstOfTwentyThousandCreatesAndDeletesEndsWithTheStoreEqualToTheDisk() throws Exception {
        Path state = tmp.resolve("state");
        Path sessions = LockFiles.sessionsDir(state, "burst");
        Path quiet = LockFiles.write(LockFiles.sessionsDir(state, "quiet").resolve("q.jsonl.lock"), deadPid, Instant.now(), null);
        start(NO_RECONCILE, state);
        assertThat(store.get(quiet)).isNotNull();

        String payload = LockFiles.payload(deadPid, Instant.now(), null);
        List<Path> burst = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            burst.add(LockFiles.write(sessions.resolve("b" + i + ".jsonl.lock"), payload));
            if (i % 200 == 0) {
                LockFiles.write(sessions.resolve("survivor" + i + ".jsonl.lock"), payload);
            }
        }
        for (Path p : burst) {
            Files.delete(p);
        }
        Set<Path> onDisk = locksOnDisk(state);
        assertThat(onDisk).hasSize(51);

        awaitUntil("the store equals the disk after the burst", () -> storePaths().equals(onDisk));
        awaitUntil("no rescan is left running", () -> !service.state().scanning());
        assertThat(storePaths()).isEqualTo(onDisk);
        assertThat(store.errors()).isEmpty();

        // and the watcher still works afterwards
        Path after = LockFiles.write(sessions.resolve("after.jsonl.lock"), payload);
        awaitUntil("a lock created after the burst is seen", () -> store.get(after) != null);
    }

    @Test
    void setRootsAddsAndRemovesRootsAndTheirLocksAndErrors() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path lockA = LockFiles.write(LockFiles.sessionsDir(a, "main").resolve("a.jsonl.lock"), deadPid, Instant.now(), null);
        Path lockB = LockFiles.write(LockFiles.sessionsDir(b, "main").resolve("b.jsonl.lock"), deadPid, Instant.now(), null);
        Path missing = tmp.resolve("missing");
        start(NO_RECONCILE, a, missing);
        assertThat(store.get(lockA)).isNotNull();
        assertThat(store.errors()).containsExactly(new RootError(missing, "no such directory"));

        service.setRoots(List.of(b));
        assertThat(service.roots()).containsExactly(b);
        awaitUntil("a's lock leaves, b's arrives, the missing root's error is gone",
                () -> store.get(lockA) == null && store.get(lockB) != null && store.errors().isEmpty());
        awaitUntil("the rescan is over", () -> !service.state().scanning());
        assertThat(service.state().rootsWatched()).isEqualTo(1);

        Files.delete(lockA); // no longer watched: nothing happens
        Path newB = LockFiles.write(b.resolve("agents/main/sessions/n.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("b is watched", () -> store.get(newB) != null);
        assertThat(store.snapshot()).extracting(LockReport::path).containsExactlyInAnyOrder(lockB, newB);
    }

    @Test
    void rootsThatAreFilesOrSingleLocksOrNestedAreHandled() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("notes.txt"), "hello");
        Path state = tmp.resolve("state");
        Path sessions = LockFiles.sessionsDir(state, "main");
        Path single = LockFiles.write(tmp.resolve("elsewhere/single.jsonl.lock"), deadPid, Instant.now(), null);
        Path nested = LockFiles.write(sessions.resolve("n.jsonl.lock"), deadPid, Instant.now(), null);
        start(NO_RECONCILE, notADir, single, state, sessions);

        assertThat(store.errors()).containsExactly(new RootError(notADir, "not a directory"));
        assertThat(store.get(single).root()).isEqualTo(single.getParent());
        assertThat(store.get(nested).root()).as("shown under the deepest root").isEqualTo(sessions);
        assertThat(service.state().rootsWatched()).isEqualTo(3);

        Instant later = Instant.parse("2026-03-01T10:00:00Z");
        LockFiles.write(single, deadPid, later, null);
        awaitUntil("a single-file root is re-read", () -> later.equals(store.get(single).payload().createdAt()));
        Files.delete(single);
        awaitUntil("and its removal noticed", () -> store.get(single) == null);

        Path another = LockFiles.write(sessions.resolve("m.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("a lock under nested roots is seen once, under the deepest root",
                () -> store.get(another) != null && store.get(another).root().equals(sessions));
        long changedNested = events.stream().filter(e -> e instanceof LockEvent.Changed && e.path().equals(nested)).count();
        service.rescan();
        awaitUntil("rescan done", () -> !service.state().scanning());
        assertThat(events.stream().filter(e -> e instanceof LockEvent.Changed && e.path().equals(nested)).count())
                .as("nested roots do not flip a lock between roots").isEqualTo(changedNested);
    }

    @Test
    void stateReportsScanningRootsAndLastChangeAndCloseStopsTheWatcherThread() throws Exception {
        Path state = tmp.resolve("state");
        Path sessions = LockFiles.sessionsDir(state, "main");
        start(NO_RECONCILE, state);
        awaitUntil("a state with the scan done is delivered", () -> states.stream().anyMatch(s -> !s.scanning() && s.rootsWatched() == 1));
        assertThat(service.state().lastChange()).isNull();
        awaitUntil("one watcher thread runs", () -> watcherThreads() == 1);

        Path lock = LockFiles.write(sessions.resolve("a.jsonl.lock"), deadPid, Instant.now(), null);
        awaitUntil("the time of the store's latest event is the state's last change", () -> !events.isEmpty()
                && events.get(events.size() - 1).at().equals(service.state().lastChange()));
        awaitUntil("and it is delivered to the listeners", () -> states.stream().anyMatch(s -> s.lastChange() != null));

        service.close();
        awaitUntil("the watcher thread ends", () -> watcherThreads() == 0);
        int before = events.size();
        service.rescan(); // harmless after close
        Files.delete(lock);
        LockFiles.write(sessions.resolve("b.jsonl.lock"), deadPid, Instant.now(), null);
        TimeUnit.MILLISECONDS.sleep(600); // three re-judge and root-check periods: anything still running would show
        assertThat(store.get(lock)).as("a closed service leaves the store as it was").isNotNull();
        assertThat(events).hasSize(before);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void start(WatchSettings settings, Path... roots) {
        LockScanner scanner = new LockScanner(ProcessProbes.forThisPlatform(), new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());
        service = new LockWatchService(scanner, store, scheduler, settings);
        service.addStateListener(states::add);
        service.start(List.of(roots));
        // Not service.state() right here: the scan of a small root may already be over when start returns.
        awaitUntil("the initial scan is done", () -> !service.state().scanning());
        assertThat(states).as("the initial scan was delivered as scanning").anyMatch(WatchState::scanning);
    }

    private List<LockEvent> eventsFor(Path path) {
        return events.stream().filter(e -> e.path().equals(path)).toList();
    }

    private Set<Path> storePaths() {
        return store.snapshot().stream().map(LockReport::path).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Path> locksOnDisk(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(LockDiscovery::isLockName).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static long watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(LockWatchService.WATCHER_THREAD_NAME) && t.isAlive())
                .count();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + DEADLINE.toSeconds() + " s waiting until " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }
}
