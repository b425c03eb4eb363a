package dev.lockwatch.ui.report;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** The audit log: every signal and removal Lockwatch made, newest first. */
public final class AuditDialog {
    private final ReportViewModel vm;

    public AuditDialog(ReportViewModel vm) {
        this.vm = vm;
    }

    public void show(Window owner) {
        TableView<JsonNode> table = new TableView<>(vm.audit());
        table.setId("audit-table");
        table.setPlaceholder(new Label("Nothing yet: no signal was sent and no lock removed."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(java.util.List.of(
                column("Time", "at", 210), column("User", "user", 70), column("Action", "action", 120),
                column("Target", n -> n.has("path") ? n.path("path").asText() : n.path("gatewayLock").asText(), 330),
                column("Result", n -> n.has("outcome") ? n.path("outcome").asText() : n.path("result").asText(), 110),
                column("Detail", n -> n.has("detail") ? n.path("detail").asText() : n.path("message").asText(), 330)));
        table.setPrefSize(1100, 420);
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Audit log");
        dialog.setResizable(true);
        dialog.getDialogPane().setContent(new VBox(8, new Label(vm.auditFile().toString()), table));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
        vm.loadAudit();
    }

    private static TableColumn<JsonNode, String> column(String title, String field, double width) {
        return column(title, n -> n.path(field).asText(), width);
    }

    private static TableColumn<JsonNode, String> column(String title, java.util.function.Function<JsonNode, String> value, double width) {
        TableColumn<JsonNode, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
