package dev.lockwatch.ui.cleanup;

import dev.lockwatch.clean.CleanPolicy;
import dev.lockwatch.clean.Removal;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.ui.locktable.LockRow;
import dev.lockwatch.ui.restart.RestartActions;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Remove stale locks": the candidates are the stale locks the judge calls removable (never live,
 * unresolved, unreadable or held open); each is removed only if it is still exactly what was judged.
 * FX thread only; removal runs on {@code worker}.
 */
public final class CleanupViewModel {
    private static final CleanPolicy STALE_ONLY = new CleanPolicy(false, false);
    private final RestartActions actions;
    private final Executor worker;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");

    public CleanupViewModel(RestartActions actions, Executor worker, Executor fx) {
        this.actions = actions;
        this.worker = worker;
        this.fx = fx;
    }

    /** What "Remove stale locks" would remove now, from the rows as judged (no I/O). */
    public List<LockReport> candidates(Collection<LockRow> rows) {
        return rows.stream().map(LockRow::report).filter(STALE_ONLY::allows).toList();
    }

    public void remove(List<LockReport> confirmed) {
        if (confirmed.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        worker.execute(() -> {
            List<Removal> results = actions.remove(confirmed, false);
            fx.execute(() -> {
                busy.set(false);
                long removed = results.stream().filter(r -> r.outcome() == Removal.Outcome.REMOVED).count();
                List<String> kept = results.stream().filter(r -> r.outcome() != Removal.Outcome.REMOVED)
                        .map(r -> r.lock().session() + ": " + r.word() + " (" + r.detail() + ")").toList();
                result.set("Removed " + removed + " of " + results.size() + " stale lock" + (results.size() == 1 ? "" : "s") + "."
                        + (kept.isEmpty() ? "" : " Kept: " + String.join("; ", kept)));
            });
        });
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }
}
