package dev.lockwatch.ui.holds;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The 2026.8+ holds under the lock table: a summary line, then one row per lease, session or gateway lock. */
public final class HoldsView {
    private final VBox root = new VBox(4);

    public HoldsView(HoldsViewModel vm) {
        Label summary = new Label();
        summary.setId("holds-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(vm.summaryProperty());
        TableView<HoldRow> table = new TableView<>(vm.rows());
        table.setId("holds-table");
        table.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Kind", HoldRow::kind, 125));
        table.getColumns().add(column("What", HoldRow::what, 260));
        table.getColumns().add(column("PID", HoldRow::pid, 80));
        table.getColumns().add(verdictColumn());
        table.getColumns().add(column("Reasons", HoldRow::reasons, 160));
        table.getColumns().add(column("Note", HoldRow::note, 240));
        table.setPlaceholder(new Label("No lease, session or gateway lock of OpenClaw 2026.8+ here"));
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(summary, table);
    }

    public Node node() {
        return root;
    }

    private static TableColumn<HoldRow, String> column(String title, Function<HoldRow, String> value, double width) {
        TableColumn<HoldRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(50);
        return column;
    }

    private static TableColumn<HoldRow, HoldRow> verdictColumn() {
        TableColumn<HoldRow, HoldRow> column = new TableColumn<>("Verdict");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setPrefWidth(100);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(HoldRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING);
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                setText(row.verdict().word());
                getStyleClass().add(switch (row.verdict()) {
                    case LIVE -> Styles.SUCCESS;
                    case STALE, ORPHANED -> Styles.DANGER;
                    default -> Styles.WARNING;
                });
            }
        });
        return column;
    }
}
