package dev.lockwatch.ui.restart;

import dev.lockwatch.clean.Removal;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.restart.RestartListener;
import dev.lockwatch.restart.RestartOutcome;
import dev.lockwatch.restart.RestartPhase;
import dev.lockwatch.restart.RestartPlan;
import dev.lockwatch.restart.RestartReport;
import dev.lockwatch.restart.SignalChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The restart workflow for the window: plan -> (the operator confirms) -> progress -> outcome -> remove the
 * orphaned survivors. Properties belong to the FX thread; the engine runs on {@code worker} and reports back
 * through {@code fx}.
 */
public final class RestartViewModel {
    private final RestartActions actions;
    private final Executor worker;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<RestartPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RestartPhase> phase = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper remainingMs = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<RestartReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper needsSignalChoice = new ReadOnlyBooleanWrapper();
    private final ObservableList<TrackedLock> tracked = FXCollections.observableArrayList();
    private final ObservableList<TrackedLock> trackedView = FXCollections.unmodifiableObservableList(tracked);
    private final Consumer<RestartReport> onFinished;

    /** @param onFinished told of every finished restart (e.g. for the incident report), on the FX thread */
    public RestartViewModel(RestartActions actions, Executor worker, Executor fx, Consumer<RestartReport> onFinished) {
        this.actions = actions;
        this.worker = worker;
        this.fx = fx;
        this.onFinished = onFinished;
    }

    /** Finds the gateway and shows the plan; nothing is sent. */
    public void prepare(SignalChoice choice) {
        busy.set(true);
        report.set(null);
        phase.set(null);
        message.set("Looking for the gateway…");
        worker.execute(() -> {
            RestartPlan p = actions.plan(choice);
            fx.execute(() -> showPlan(p, choice));
        });
    }

    private void showPlan(RestartPlan p, SignalChoice choice) {
        busy.set(false);
        plan.set(p);
        tracked.setAll(p.tracked().stream().map(l -> new TrackedLock(l.path())).toList());
        phase.set(RestartPhase.PLANNED);
        needsSignalChoice.set(p.refused() && choice == SignalChoice.AUTO && p.gateway() != null && p.gateway().verified()
                && p.gateway().restartSignal() == null);
        message.set(p.refused() ? p.refusal() : "Ready to send " + p.signal() + " to pid " + p.gateway().hostPid() + ".");
    }

    /** Sends the signal of the plan shown and follows the release. */
    public void start() {
        RestartPlan p = plan.get();
        if (p == null || p.refused() || busy.get()) {
            return;
        }
        busy.set(true);
        worker.execute(() -> {
            RestartReport r = actions.run(p, new RestartListener() {
                @Override
                public void phase(RestartPhase ph, String text) {
                    if (ph.terminal()) {
                        return; // shown with the report, in one step, by finished()
                    }
                    fx.execute(() -> {
                        phase.set(ph);
                        message.set(text);
                    });
                }

                @Override
                public void released(Path lock, long afterMs) {
                    fx.execute(() -> tracked.stream().filter(t -> t.path().equals(lock)).forEach(t -> t.state("released after " + afterMs + " ms")));
                }

                @Override
                public void remaining(long millis) {
                    fx.execute(() -> remainingMs.set(millis));
                }
            });
            fx.execute(() -> finished(r));
        });
    }

    private void finished(RestartReport r) {
        busy.set(false);
        remainingMs.set(0);
        report.set(r);
        phase.set(RestartPhase.of(r.outcome()));
        message.set(r.message());
        for (LockReport s : r.survivors()) {
            tracked.stream().filter(t -> t.path().equals(s.path())).forEach(t -> t.state("survived: " + s.verdict().word()
                    + (s.reasons().isEmpty() ? "" : " (" + String.join(", ", s.reasons().stream().map(x -> x.word()).toList()) + ")")
                    + (s.note() != null && s.note().startsWith("held-over-restart") ? " held-over-restart" : "")));
        }
        onFinished.accept(r);
    }

    /** The survivors that nobody holds any more: what "Remove N orphaned locks" removes. */
    public List<LockReport> removableSurvivors() {
        RestartReport r = report.get();
        if (r == null || r.outcome() != RestartOutcome.SURVIVORS) {
            return List.of();
        }
        return r.survivors().stream().filter(s -> s.removable() && s.verdict() != Verdict.LIVE).toList();
    }

    public void removeSurvivors() {
        List<LockReport> targets = removableSurvivors();
        if (targets.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        worker.execute(() -> {
            List<Removal> results = actions.remove(targets, true);
            fx.execute(() -> {
                busy.set(false);
                for (Removal r : results) {
                    tracked.stream().filter(t -> t.path().equals(r.lock().path())).forEach(t -> t.state(r.word() + ": " + r.detail()));
                }
                long removed = results.stream().filter(r -> r.outcome() == Removal.Outcome.REMOVED).count();
                message.set("Removed " + removed + " of " + results.size() + " orphaned lock" + (results.size() == 1 ? "" : "s") + ".");
                RestartReport r = report.get();
                report.set(new RestartReport(r.plan(), r.signalledAt(), r.released(), List.of(), r.gatewayAfter(), r.elapsedMs(),
                        r.outcome(), r.message()));
            });
        });
    }

    public ReadOnlyObjectProperty<RestartPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RestartPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty remainingMsProperty() {
        return remainingMs.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RestartReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty needsSignalChoiceProperty() {
        return needsSignalChoice.getReadOnlyProperty();
    }

    public ObservableList<TrackedLock> tracked() {
        return trackedView;
    }
}
