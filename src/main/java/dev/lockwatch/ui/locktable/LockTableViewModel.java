package dev.lockwatch.ui.locktable;

import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.RootError;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.report.TimelineEntry;
import dev.lockwatch.ui.common.FxBatcher;
import dev.lockwatch.ui.history.VerdictHistory;
import dev.lockwatch.watch.LockEvent;
import dev.lockwatch.watch.LockStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The live lock table: rows from the {@link LockStore}, filters, counts, the age clock and the verdict
 * history. No I/O and no toolkit needed: tests drive it with a direct executor.
 *
 * <p>Threading: store events arrive on any thread and are coalesced by an {@link FxBatcher}; every other
 * method and property belongs to the FX thread.
 */
public final class LockTableViewModel {
    /** Stale and orphaned first, then by age, oldest first. */
    public static final Comparator<LockRow> DEFAULT_ORDER = Comparator.comparing(LockRow::verdict)
            .thenComparing(r -> r.report().payload().createdAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.report().path());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Above this many changes a batch replaces the whole list once instead of updating rows one by one. */
    private static final int TARGETED_LIMIT = 64;
    static final Duration QUIET_HISTORY_MIN = Duration.ofSeconds(5);
    static final Duration QUIET_HISTORY_MAX = Duration.ofSeconds(30);

    private final Map<Path, LockRow> byPath = new LinkedHashMap<>();
    private final ObservableList<LockRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LockRow> filtered = new FilteredList<>(rows);
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final ObjectProperty<Verdict> verdictFilter = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Instant> now;
    private final Map<Verdict, ReadOnlyIntegerWrapper> counts = new EnumMap<>(Verdict.class);
    private final ReadOnlyObjectWrapper<Instant> lastChange = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper rootsWatched = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<String> messages = FXCollections.observableArrayList();
    private final ObservableList<VerdictHistory.Sample> history = FXCollections.observableArrayList();
    // Read-only views made once: a wrapper made per call would be collected along with its listeners.
    private final ObservableList<LockRow> rowsView = FXCollections.unmodifiableObservableList(filtered);
    private final ObservableList<String> messagesView = FXCollections.unmodifiableObservableList(messages);
    private final ObservableList<VerdictHistory.Sample> historyView = FXCollections.unmodifiableObservableList(history);
    private final VerdictHistory verdictHistory = new VerdictHistory(Duration.ofMinutes(15));
    private final FxBatcher<LockEvent> batcher;
    private final FxBatcher<List<RootError>> errorBatcher;
    private final LockStore store;
    private final WatchControl control;
    private final ZoneId zone;
    private int batchesApplied;
    /** The last lock events, for the incident report. */
    private final java.util.ArrayDeque<TimelineEntry> timeline = new java.util.ArrayDeque<>();
    private static final int TIMELINE_LIMIT = 5_000;

    public LockTableViewModel(LockStore store, WatchControl control, ScheduledExecutorService scheduler, Executor fxExecutor,
                              Duration batchInterval, Instant start, ZoneId zone) {
        this.store = store;
        this.control = control;
        this.zone = zone;
        this.now = new ReadOnlyObjectWrapper<>(start);
        for (Verdict v : Verdict.values()) {
            counts.put(v, new ReadOnlyIntegerWrapper());
        }
        filtered.predicateProperty().bind(Bindings.createObjectBinding(this::predicate, textFilter, verdictFilter));
        this.batcher = new FxBatcher<>(scheduler, fxExecutor, batchInterval, this::apply);
        this.errorBatcher = new FxBatcher<>(scheduler, fxExecutor, batchInterval, b -> showErrors(b.get(b.size() - 1)));
        store.onErrorsChanged(() -> errorBatcher.offer(store.errors()));
        List<LockReport> initial = store.subscribe(batcher::offerAll);
        initial.forEach(r -> byPath.put(r.path(), new LockRow(r)));
        rows.setAll(byPath.values());
        showErrors(store.errors());
        refreshCounts();
    }

    private Predicate<LockRow> predicate() {
        String text = textFilter.get();
        Verdict verdict = verdictFilter.get();
        return row -> (verdict == null || row.verdict() == verdict) && row.matches(text);
    }

    /** Applies one coalesced batch: a few targeted updates, or one {@code setAll} for a large batch. */
    void apply(List<LockEvent> events) {
        boolean targeted = events.size() <= TARGETED_LIMIT;
        for (LockEvent event : events) {
            remember(event);
            if (event instanceof LockEvent.Removed removed) {
                LockRow old = byPath.remove(removed.path());
                if (targeted && old != null) {
                    rows.remove(old);
                }
            } else {
                LockReport report = event instanceof LockEvent.Added a ? a.lock() : ((LockEvent.Changed) event).lock();
                LockRow row = new LockRow(report);
                LockRow old = byPath.put(report.path(), row);
                if (targeted) {
                    int index = old == null ? -1 : rows.indexOf(old);
                    if (index >= 0) {
                        rows.set(index, row);
                    } else {
                        rows.add(row);
                    }
                }
            }
        }
        if (!targeted) {
            rows.setAll(byPath.values());
        }
        batchesApplied++;
        lastChange.set(events.get(events.size() - 1).at());
        refreshCounts();
    }

    private void remember(LockEvent event) {
        if (event instanceof LockEvent.Removed r) {
            timeline.addLast(new TimelineEntry(r.at(), "removed", r.path(), null, List.of()));
        } else {
            LockReport l = event instanceof LockEvent.Added a ? a.lock() : ((LockEvent.Changed) event).lock();
            timeline.addLast(new TimelineEntry(event.at(), event instanceof LockEvent.Added ? "added" : "changed", l.path(),
                    l.verdict().word(), l.reasons().stream().map(x -> x.word()).toList()));
        }
        while (timeline.size() > TIMELINE_LIMIT) {
            timeline.removeFirst();
        }
    }

    /** The lock events seen, oldest first (at most the last 5,000). */
    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    private void showErrors(List<RootError> errors) {
        messages.setAll(errors.stream().map(e -> e.path() + ": " + e.error()).toList());
    }

    private void refreshCounts() {
        Map<Verdict, Long> tally = byPath.values().stream().collect(Collectors.groupingBy(LockRow::verdict, Collectors.counting()));
        counts.forEach((v, p) -> p.set(tally.getOrDefault(v, 0L).intValue()));
        updateStatus();
    }

    private void updateStatus() {
        String verdicts = counts.entrySet().stream().filter(e -> e.getValue().get() > 0)
                .map(e -> e.getValue().get() + " " + e.getKey().word()).collect(Collectors.joining(" · "));
        String text = (verdicts.isEmpty() ? "no locks" : verdicts) + "   |   " + rootsWatched.get() + " root"
                + (rootsWatched.get() == 1 ? "" : "s") + " watched";
        if (lastChange.get() != null) {
            text += "   |   last change " + CLOCK.format(LocalTime.ofInstant(lastChange.get(), zone));
        }
        if (scanning.get()) {
            text += "   |   scanning…";
        }
        status.set(text);
    }

    /** The one clock of the table: called every second; ages recompute from stored instants. */
    public void tick(Instant at) {
        now.set(at);
    }

    /**
     * Records the current counts in the verdict history (the app calls this every few seconds). The chart's
     * list is updated at once when a count changed; otherwise when the chart would have moved by about 1/30 of
     * its width: every 5 s while it shows one minute, every 30 s once it shows fifteen. An idle window does
     * not redraw its chart for every sample.
     */
    public void sampleHistory(Instant at) {
        Map<Verdict, Integer> snapshot = new EnumMap<>(Verdict.class);
        counts.forEach((v, p) -> snapshot.put(v, p.get()));
        verdictHistory.record(at, snapshot);
        VerdictHistory.Sample shown = history.isEmpty() ? null : history.get(history.size() - 1);
        boolean changed = shown == null || !shown.counts().equals(Map.copyOf(snapshot));
        if (changed || !at.isBefore(shown.at().plus(quietRedrawEvery()))) {
            history.setAll(verdictHistory.samples());
        }
    }

    private Duration quietRedrawEvery() {
        List<VerdictHistory.Sample> samples = history;
        Duration span = samples.isEmpty() ? Duration.ZERO : Duration.between(samples.get(0).at(), samples.get(samples.size() - 1).at());
        long shownMs = Math.min(verdictHistory.window().toMillis(), Math.max(60_000, span.toMillis()));
        return Duration.ofMillis(Math.max(QUIET_HISTORY_MIN.toMillis(), Math.min(QUIET_HISTORY_MAX.toMillis(), shownMs / 30)));
    }

    /** Called by the app when the watcher's state changes (on the FX thread). */
    public void watchState(boolean scanning, int rootsWatched, Instant storeChangedAt) {
        this.scanning.set(scanning);
        this.rootsWatched.set(rootsWatched);
        if (storeChangedAt != null && (lastChange.get() == null || storeChangedAt.isAfter(lastChange.get()))) {
            lastChange.set(storeChangedAt); // e.g. a scan that filled the store before this table subscribed
        }
        updateStatus();
    }

    public void rescan() {
        control.rescan();
    }

    public void clearFilters() {
        textFilter.set("");
        verdictFilter.set(null);
    }

    /** The full evidence for one lock, for the detail pane and tooltips. */
    public String details(LockRow row) {
        return LockDetails.describe(row.report(), now.get());
    }

    public ObservableList<LockRow> rows() {
        return rowsView;
    }

    /** The filtered rows, for views that sort them (a {@code SortedList} over this list). */
    public FilteredList<LockRow> filteredRows() {
        return filtered;
    }

    /** Every row, unfiltered, as the table knows them now. */
    public List<LockRow> allRows() {
        return List.copyOf(byPath.values());
    }

    public int totalRows() {
        return byPath.size();
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    public ObjectProperty<Verdict> verdictFilterProperty() {
        return verdictFilter;
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty countProperty(Verdict verdict) {
        return counts.get(verdict).getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastChangeProperty() {
        return lastChange.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<String> messages() {
        return messagesView;
    }

    public ObservableList<VerdictHistory.Sample> history() {
        return historyView;
    }

    /** How many batches reached the table: for tests and benchmarks of the batching. */
    public int batchesApplied() {
        return batchesApplied;
    }

    LockStore store() {
        return store;
    }
}
