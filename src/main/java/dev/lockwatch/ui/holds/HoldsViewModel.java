package dev.lockwatch.ui.holds;

import dev.lockwatch.hold.Hold;
import dev.lockwatch.hold.HoldKind;
import dev.lockwatch.watch.HoldEvent;
import dev.lockwatch.watch.LockStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import dev.lockwatch.ui.common.FxBatcher;

/**
 * The 2026.8+ holds (leases, agent-DB leases, sessions, gateway locks) of the store, as rows, most urgent first,
 * and the one line above them ("gateway idle: no leases held" for a 2026.8+ state dir where nothing is held).
 *
 * <p>Threading: the store's events are handed over in batches through an {@link FxBatcher} (one
 * {@code runLater} at a time); {@link #apply} and every property are FX-thread only.
 */
public final class HoldsViewModel {
    private final ObservableList<HoldRow> rows = FXCollections.observableArrayList();
    private final ObservableList<HoldRow> readOnly = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper emptyLockTable = new ReadOnlyStringWrapper();
    private final Map<String, Hold> holds = new LinkedHashMap<>();
    private final LockStore store;

    /** Subscribes to {@code store}; the current holds are applied at once (call on the FX thread). */
    public HoldsViewModel(LockStore store, ScheduledExecutorService scheduler, Executor fx, Duration batchInterval) {
        this.store = store;
        FxBatcher<HoldEvent> batcher = new FxBatcher<>(scheduler, fx, batchInterval, this::apply);
        List<Hold> current = store.subscribeHolds(events -> {
            if (events.isEmpty()) {
                fx.execute(this::refresh); // only the set of 2026.8+ state dirs changed: rare, no batching needed
            } else {
                batcher.offerAll(events);
            }
        });
        current.forEach(h -> holds.put(h.id(), h));
        refresh();
    }

    /** Applies one batch of store events (FX thread). */
    public void apply(List<HoldEvent> events) {
        for (HoldEvent event : events) {
            if (event instanceof HoldEvent.Put put) {
                holds.put(put.id(), put.hold());
            } else {
                holds.remove(event.id());
            }
        }
        refresh();
    }

    public ObservableList<HoldRow> rows() {
        return readOnly;
    }

    /**
     * What the empty lock table should say instead of "healthy" when a watched state dir is of the SQLite era
     * (its holds are below it); null when none is.
     */
    public ReadOnlyStringProperty emptyLockTableProperty() {
        return emptyLockTable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    private void refresh() {
        rows.setAll(holds.values().stream().map(HoldRow::of)
                .sorted(Comparator.comparing(HoldRow::verdict).thenComparing(HoldRow::kind).thenComparing(HoldRow::what)).toList());
        boolean sqliteEra = !store.sqliteEraDirs().isEmpty();
        summary.set(summaryOf(holds.values(), sqliteEra));
        emptyLockTable.set(sqliteEra ? "A watched state dir belongs to OpenClaw 2026.8 or later, which writes no session lock"
                + " files: it keeps its guards in SQLite. " + summary.get() + " (below)." : null);
    }

    static String summaryOf(java.util.Collection<Hold> holds, boolean sqliteEra) {
        if (holds.isEmpty() && !sqliteEra) {
            return "no OpenClaw 2026.8+ state in the watched folders";
        }
        long held = holds.stream().filter(h -> h.kind() != HoldKind.GATEWAY_LOCK).count();
        long gateways = holds.size() - held;
        if (held == 0) {
            return "gateway idle: no leases held" + (gateways == 0 ? "" : " (" + gateways + " gateway lock" + (gateways == 1 ? "" : "s") + ")");
        }
        long problems = holds.stream().filter(h -> h.verdict() != dev.lockwatch.lock.Verdict.LIVE).count();
        return holds.size() + " held in OpenClaw 2026.8+ state" + (problems == 0 ? ", all live" : ", " + problems + " not live");
    }
}
