package dev.lockwatch.ui.locktable;

import static dev.lockwatch.ui.locktable.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.watch.LockStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The table's view-model without the JavaFX toolkit: a plain thread plays the FX thread. */
class LockTableViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
    private final AtomicInteger fxRuns = new AtomicInteger();
    private final LockStore store = new LockStore(Clock.fixed(T0, ZoneOffset.UTC));
    private final List<Path> rescans = new ArrayList<>();
    private LockTableViewModel vm;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        fx.shutdownNow();
    }

    private LockTableViewModel create() throws Exception {
        WatchControl control = new WatchControl() {
            @Override
            public void rescan() {
                rescans.add(Path.of("all"));
            }

            @Override
            public void setRoots(List<Path> roots) {
            }
        };
        vm = onFx(() -> new LockTableViewModel(store, control, scheduler, r -> {
            fxRuns.incrementAndGet();
            fx.execute(r);
        }, Duration.ofMillis(100), T0, ZoneOffset.UTC));
        return vm;
    }

    private <T> T onFx(Callable<T> task) throws Exception {
        return fx.submit(task).get(10, TimeUnit.SECONDS);
    }

    private void awaitRows(int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (onFx(() -> vm.totalRows()) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rows: " + onFx(() -> vm.totalRows()) + ", expected " + expected);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void manyEventsReachTheTableInFewBatches() throws Exception {
        create();
        AtomicInteger listChanges = new AtomicInteger();
        onFx(() -> {
            vm.rows().addListener((ListChangeListener<LockRow>) c -> listChanges.incrementAndGet());
            return null;
        });
        long started = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            store.put(report("s" + i, Verdict.LIVE, T0, 100 + i));
        }
        awaitRows(10_000);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int batches = onFx(() -> vm.batchesApplied());
        assertThat(batches).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo((int) (elapsedMs / 100) + 2);
        // at most one hand-over to the FX thread per interval (one may find its events already taken by the previous)
        assertThat(fxRuns.get()).isGreaterThanOrEqualTo(batches).isLessThanOrEqualTo((int) (elapsedMs / 100) + 2);
        // a small batch is applied row by row (at most 64 targeted changes), a large one with a single setAll
        assertThat(listChanges.get()).isLessThanOrEqualTo(batches * 64);
        assertThat(onFx(() -> vm.countProperty(Verdict.LIVE).get())).isEqualTo(10_000);
    }

    @Test
    void changesAndRemovalsUpdateRowsInPlace() throws Exception {
        store.put(report("a", Verdict.LIVE, T0, 10));
        create();
        assertThat(onFx(() -> vm.totalRows())).isEqualTo(1);
        store.put(report("a", Verdict.ORPHANED, T0, 10, Reason.NOT_HELD_OPEN));
        store.put(report("b", Verdict.STALE, T0, 11, Reason.DEAD_PID));
        awaitRows(2);
        assertThat(onFx(() -> vm.rows().stream().map(r -> r.session() + ":" + r.verdict().word()).sorted().toList()))
                .containsExactly("a:orphaned", "b:stale");
        store.remove(store.snapshot().get(0).path());
        awaitRows(1);
        assertThat(onFx(() -> vm.statusProperty().get())).contains("1 stale").contains("last change 12:00:00");
    }

    @Test
    void staleAndOrphanedComeFirstThenOldest() throws Exception {
        store.putAll(List.of(
                report("live-old", Verdict.LIVE, T0.minusSeconds(900), 1),
                report("orphan", Verdict.ORPHANED, T0.minusSeconds(10), 2, Reason.NOT_HELD_OPEN),
                report("live-new", Verdict.LIVE, T0.minusSeconds(5), 3),
                report("stale-new", Verdict.STALE, T0.minusSeconds(1), 4, Reason.DEAD_PID),
                report("stale-old", Verdict.STALE, T0.minusSeconds(100), 5, Reason.DEAD_PID)));
        create();
        List<String> order = onFx(() -> new SortedList<>(vm.filteredRows(), LockTableViewModel.DEFAULT_ORDER).stream()
                .map(LockRow::session).toList());
        assertThat(order).containsExactly("stale-old", "stale-new", "orphan", "live-old", "live-new");
    }

    @Test
    void filtersByTextAndVerdict() throws Exception {
        store.putAll(List.of(report("alpha", Verdict.LIVE, T0, 4242), report("beta", Verdict.STALE, T0, 77, Reason.DEAD_PID),
                report("gamma", Verdict.STALE, T0, 78, Reason.RECYCLED_PID)));
        create();
        assertThat(onFx(() -> {
            vm.textFilterProperty().set("4242");
            return vm.rows().stream().map(LockRow::session).toList();
        })).containsExactly("alpha");
        assertThat(onFx(() -> {
            vm.textFilterProperty().set("DEAD-pid");
            return vm.rows().stream().map(LockRow::session).toList();
        })).containsExactly("beta");
        assertThat(onFx(() -> {
            vm.textFilterProperty().set("");
            vm.verdictFilterProperty().set(Verdict.STALE);
            return vm.rows().stream().map(LockRow::session).sorted().toList();
        })).containsExactly("beta", "gamma");
        assertThat(onFx(() -> {
            vm.clearFilters();
            return vm.rows().size();
        })).isEqualTo(3);
    }

    @Test
    void agesTickFromOneClockWithoutTouchingRows() throws Exception {
        store.put(report("a", Verdict.LIVE, T0.minusSeconds(60), 1));
        create();
        LockRow row = onFx(() -> vm.rows().get(0));
        assertThat(row.ageMs(onFx(() -> vm.nowProperty().get()))).isEqualTo(60_000);
        onFx(() -> {
            vm.tick(T0.plusSeconds(63));
            return null;
        });
        assertThat(onFx(() -> vm.rows().get(0))).isSameAs(row);
        assertThat(row.ageMs(onFx(() -> vm.nowProperty().get()))).isEqualTo(123_000);
    }

    @Test
    void reconcileRemovesARowWhoseDeletionWasNeverReported() throws Exception {
        LockReport kept = report("kept", Verdict.LIVE, T0, 1);
        LockReport lost = report("lost", Verdict.LIVE, T0, 2);
        store.putAll(List.of(kept, lost));
        create();
        // the watcher missed the deletion of "lost"; the periodic reconcile finds only "kept" on disk
        store.reconcile(Reports.ROOT, List.of(kept));
        awaitRows(1);
        assertThat(onFx(() -> vm.rows().get(0).session())).isEqualTo("kept");
    }

    @Test
    void historyKeepsFifteenMinutesOfCounts() throws Exception {
        store.put(report("a", Verdict.STALE, T0, 1, Reason.DEAD_PID));
        create();
        onFx(() -> {
            for (int i = 0; i <= 20 * 12; i++) { // 20 minutes, every 5 s
                vm.sampleHistory(T0.plusSeconds(5L * i));
            }
            return null;
        });
        var history = onFx(() -> List.copyOf(vm.history()));
        Instant newest = history.get(history.size() - 1).at();
        assertThat(newest).isBetween(T0.plusSeconds(1170), T0.plusSeconds(1200)); // a quiet chart redraws every 30 s
        assertThat(history.get(0).at()).isEqualTo(newest.minus(Duration.ofMinutes(15)));
        assertThat(history).allSatisfy(s -> assertThat(s.count(Verdict.STALE)).isEqualTo(1));
    }

    @Test
    void aQuietChartIsRedrawnWhenItWouldHaveMovedAndAChangeAtOnce() throws Exception {
        store.put(report("a", Verdict.STALE, T0, 1, Reason.DEAD_PID));
        create();
        List<Integer> redraws = onFx(() -> {
            List<Integer> at = new java.util.ArrayList<>();
            for (int i = 0; i <= 20 * 12; i++) { // 20 minutes, every 5 s, nothing changes
                Instant sample = T0.plusSeconds(5L * i);
                vm.sampleHistory(sample);
                if (vm.history().get(vm.history().size() - 1).at().equals(sample)) {
                    at.add(5 * i);
                }
            }
            return at;
        });
        // the first minute (a one-minute chart): every sample; with fifteen minutes shown: every 30 s
        assertThat(redraws).startsWith(0, 5, 10, 15, 20, 25, 30);
        List<Integer> late = redraws.stream().filter(t -> t >= 16 * 60).toList();
        assertThat(late).isNotEmpty();
        for (int i = 1; i < late.size(); i++) {
            assertThat(late.get(i) - late.get(i - 1)).isEqualTo(30);
        }
        store.put(report("b", Verdict.LIVE, T0, 2));
        awaitRows(2);
        Instant changedAt = T0.plusSeconds(20 * 60 + 5);
        boolean shownAtOnce = onFx(() -> {
            vm.sampleHistory(changedAt);
            return vm.history().get(vm.history().size() - 1).at().equals(changedAt);
        });
        assertThat(shownAtOnce).isTrue();
    }

    @Test
    void rescanIsForwardedToTheWatcher() throws Exception {
        create();
        onFx(() -> {
            vm.rescan();
            return null;
        });
        assertThat(rescans).hasSize(1);
    }
}
