package dev.lockwatch.ui.locktable;

import dev.lockwatch.lock.Ages;
import dev.lockwatch.lock.Verdict;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The lock table. It only binds: rows, ages and badges come from {@link LockTableViewModel}; the ages
 * follow the view-model's single clock, so no cell runs a timer or touches the disk.
 */
public final class LockTableView {
    private final TableView<LockRow> table = new TableView<>();

    /** Row actions the window provides (clipboard, file manager, dialogs). */
    public record RowActions(Consumer<LockRow> copyPath, Consumer<LockRow> openFolder, Consumer<LockRow> showRaw) {
    }

    public LockTableView(LockTableViewModel vm, RowActions actions, Node placeholder) {
        table.setId("lock-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(placeholder);

        TableColumn<LockRow, String> session = textColumn("Session", LockRow::session, 230);
        TableColumn<LockRow, String> agent = textColumn("Agent", r -> r.agent() == null ? "" : r.agent(), 90);
        TableColumn<LockRow, Long> pid = new TableColumn<>("PID");
        pid.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pidForSort()));
        pid.setCellFactory(c -> formatted(v -> v < 0 ? "-" : Long.toString(v)));
        pid.setPrefWidth(80);
        TableColumn<LockRow, Long> age = new TableColumn<>("Age");
        age.setCellValueFactory(c -> Bindings.createObjectBinding(() -> c.getValue().ageMs(vm.nowProperty().get()), vm.nowProperty()));
        age.setCellFactory(c -> formatted(Ages::format));
        age.setPrefWidth(100);
        age.setMinWidth(90);
        TableColumn<LockRow, Verdict> verdict = new TableColumn<>("Verdict");
        verdict.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        verdict.setCellFactory(c -> new VerdictBadgeCell());
        verdict.setPrefWidth(130);
        verdict.setMinWidth(120);
        TableColumn<LockRow, String> reasons = textColumn("Reasons", LockRow::reasons, 200);
        TableColumn<LockRow, String> command = textColumn("Holder", r -> r.command() == null ? "" : r.command(), 220);
        table.getColumns().setAll(java.util.List.of(session, agent, pid, age, verdict, reasons, command));

        SortedList<LockRow> sorted = new SortedList<>(vm.filteredRows());
        sorted.comparatorProperty().bind(Bindings.createObjectBinding(
                () -> table.getComparator() == null ? LockTableViewModel.DEFAULT_ORDER : table.getComparator(),
                table.comparatorProperty()));
        table.setItems(sorted);
        table.setRowFactory(t -> row(vm, actions));
    }

    private static TableRow<LockRow> row(LockTableViewModel vm, RowActions actions) {
        TableRow<LockRow> row = new TableRow<>();
        MenuItem copy = new MenuItem("Copy path");
        copy.setOnAction(e -> actions.copyPath().accept(row.getItem()));
        MenuItem open = new MenuItem("Open containing folder");
        open.setOnAction(e -> actions.openFolder().accept(row.getItem()));
        MenuItem raw = new MenuItem("Show raw payload");
        raw.setOnAction(e -> actions.showRaw().accept(row.getItem()));
        ContextMenu menu = new ContextMenu(copy, open, raw);
        Tooltip tooltip = new Tooltip();
        tooltip.setStyle("-fx-font-family: monospace;");
        row.itemProperty().addListener((obs, old, item) -> {
            row.setContextMenu(item == null ? null : menu);
            row.setTooltip(item == null ? null : tooltip);
        });
        tooltip.setOnShowing(e -> {
            if (row.getItem() != null) {
                tooltip.setText(vm.details(row.getItem()));
            }
        });
        return row;
    }

    private static TableColumn<LockRow, String> textColumn(String title, java.util.function.Function<LockRow, String> value, double width) {
        TableColumn<LockRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static TableCell<LockRow, Long> formatted(java.util.function.Function<Long, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(Long value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : format.apply(value));
            }
        };
    }

    public TableView<LockRow> node() {
        return table;
    }
}
