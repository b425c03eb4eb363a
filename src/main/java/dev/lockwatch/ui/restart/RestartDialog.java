package dev.lockwatch.ui.restart;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.restart.RestartPhase;
import dev.lockwatch.restart.RestartPlan;
import dev.lockwatch.restart.SignalChoice;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Restart gateway: the plan (who will be signalled, why we believe it is the gateway, which locks must be
 * released), then the progress (countdown, each lock ticking to released), then the outcome, with
 * "Remove N orphaned locks" when orphaned survivors remain. Binds to {@link RestartViewModel} only.
 */
public final class RestartDialog {
    private final RestartViewModel vm;

    public RestartDialog(RestartViewModel vm) {
        this.vm = vm;
    }

    public void show(Window owner) {
        Label gateway = new Label();
        gateway.setId("restart-gateway");
        gateway.setWrapText(true);
        gateway.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        gateway.textProperty().bind(Bindings.createStringBinding(() -> describe(vm.planProperty().get()), vm.planProperty()));

        Label message = new Label();
        message.setId("restart-message");
        message.setWrapText(true);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());

        Label phase = new Label();
        phase.setId("restart-phase");
        phase.getStyleClass().add("title-4");
        phase.textProperty().bind(Bindings.createStringBinding(() -> phaseText(vm.phaseProperty().get(), vm.remainingMsProperty().get()),
                vm.phaseProperty(), vm.remainingMsProperty()));

        ProgressBar progress = new ProgressBar();
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(vm.busyProperty());

        TableView<TrackedLock> locks = new TableView<>(vm.tracked());
        locks.setId("restart-tracked");
        locks.setPrefHeight(180);
        locks.setMinHeight(150);
        locks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        locks.setPlaceholder(new Label("The gateway holds no session lock under the watched folders."));
        TableColumn<TrackedLock, String> session = new TableColumn<>("Session lock held by the gateway");
        session.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().session()));
        session.setPrefWidth(330);
        TableColumn<TrackedLock, String> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> c.getValue().stateProperty());
        state.setPrefWidth(300);
        locks.getColumns().setAll(java.util.List.of(session, state));

        Button send = new Button();
        send.setId("restart-send");
        send.getStyleClass().add("accent");
        send.textProperty().bind(Bindings.createStringBinding(() -> {
            RestartPlan p = vm.planProperty().get();
            return p == null || p.signal() == null ? "Send restart signal" : "Send " + p.signal() + " to pid " + p.gateway().hostPid();
        }, vm.planProperty()));
        send.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.busyProperty().get() || vm.planProperty().get() == null
                || vm.planProperty().get().refused() || vm.phaseProperty().get() != RestartPhase.PLANNED,
                vm.busyProperty(), vm.planProperty(), vm.phaseProperty()));
        send.setOnAction(e -> vm.start());

        Button usr1 = new Button("Use SIGUSR1 (OpenClaw up to 2026.9.5)");
        usr1.setId("restart-choose-usr1");
        usr1.setOnAction(e -> vm.prepare(SignalChoice.SIGUSR1));
        Button usr2 = new Button("Use SIGUSR2 (2026.9.6 and later)");
        usr2.setId("restart-choose-usr2");
        usr2.setOnAction(e -> vm.prepare(SignalChoice.SIGUSR2));
        Label choiceHelp = new Label("The gateway's OpenClaw version is unknown, so Lockwatch cannot tell which signal restarts it."
                + " Up to 2026.9.5 it is SIGUSR1. From 2026.9.6 it is SIGUSR2, and SIGUSR1 opens Node's debugger on"
                + " 127.0.0.1:9229 instead; SIGUSR2 sent to an older gateway stops it. Choose only if you know the version.");
        choiceHelp.setWrapText(true);
        choiceHelp.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox choice = new VBox(6, choiceHelp, new HBox(8, usr1, usr2));
        choice.visibleProperty().bind(vm.needsSignalChoiceProperty());
        choice.managedProperty().bind(vm.needsSignalChoiceProperty());

        Button remove = new Button();
        remove.setId("restart-remove");
        remove.getStyleClass().add("danger");
        remove.textProperty().bind(Bindings.createStringBinding(() -> "Remove " + vm.removableSurvivors().size() + " orphaned lock"
                + (vm.removableSurvivors().size() == 1 ? "" : "s"), vm.reportProperty()));
        remove.visibleProperty().bind(Bindings.createBooleanBinding(() -> !vm.removableSurvivors().isEmpty(), vm.reportProperty()));
        remove.managedProperty().bind(remove.visibleProperty());
        remove.disableProperty().bind(vm.busyProperty());
        remove.setOnAction(e -> vm.removeSurvivors());

        VBox content = new VBox(10, gateway, choice, phase, progress, locks, message, new HBox(8, send, remove));
        content.setPrefWidth(680);
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Restart gateway");
        dialog.setResizable(true);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("restart-dialog");
        // the plan arrives after the dialog is shown: let the window grow to fit it
        vm.planProperty().addListener((obs, old, p) -> javafx.application.Platform.runLater(
                () -> dialog.getDialogPane().getScene().getWindow().sizeToScene()));
        vm.reportProperty().addListener((obs, old, r) -> javafx.application.Platform.runLater(
                () -> dialog.getDialogPane().getScene().getWindow().sizeToScene()));
        dialog.show();
        vm.prepare(SignalChoice.AUTO);
    }

    private static String describe(RestartPlan plan) {
        if (plan == null || plan.gateway() == null) {
            return "Looking for the OpenClaw gateway…";
        }
        GatewayInfo g = plan.gateway();
        StringBuilder text = new StringBuilder("Gateway lock: ").append(g.lockPath()).append('\n')
                .append("Pid: ").append(g.pid());
        if (g.nested()) {
            text.append(" in its container, ").append(g.hostPid()).append(" on this host");
        }
        text.append("   OpenClaw: ").append(g.version() == null ? "version unknown" : g.version()).append('\n')
                .append(g.verified() ? "Verified: " : "Not verified: ").append(g.why());
        for (String w : plan.warnings()) {
            text.append("\n⚠ ").append(w);
        }
        return text.toString();
    }

    private static String phaseText(RestartPhase phase, long remainingMs) {
        if (phase == null) {
            return "";
        }
        return switch (phase) {
            case PLANNED -> "Plan";
            case VERIFYING -> "Verifying the gateway…";
            case SIGNALLED -> "Signal sent";
            case AWAITING_RELEASE -> "Waiting for the locks to be released… " + Math.max(0, remainingMs / 1000) + " s left";
            case RELEASED -> "Released";
            case SURVIVORS -> "Some locks survived the restart";
            case NOT_RESTARTED -> "The gateway did not restart";
            case GONE -> "The gateway is gone";
            case REFUSED -> "Refused";
            case FAILED -> "The signal could not be sent";
        };
    }

}
