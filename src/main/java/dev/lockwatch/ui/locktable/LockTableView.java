package dev.lockwatch.ui.locktable;

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
        pid.setPrefWidth(90);
        pid.setMinWidth(80); // pids reach 7 digits (pid_max 4194304)
        TableColumn<LockRow, LockRow> age = new TableColumn<>("Age");
        age.setId("age-column");
        age.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        age.setCellFactory(c -> new AgeCell(vm.nowProperty()));
        age.setComparator(java.util.Comparator.comparingLong(r -> r.ageMs(vm.nowProperty().get())));
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
        table.setRowFactory(t -> row(vm));
        table.setContextMenu(menu(table, actions));
    }

    /**
     * Rows carry no popups of their own: one context menu for the table acts on the row it was opened on
     * (a right click selects it), and a row makes its tooltip the first time the mouse enters it. Building a
     * menu and a tooltip for each of the ~40 rows on screen cost a good part of the first frame.
     */
    private static ContextMenu menu(TableView<LockRow> table, RowActions actions) {
        MenuItem copy = new MenuItem("Copy path");
        copy.setOnAction(e -> onSelected(table, actions.copyPath()));
        MenuItem open = new MenuItem("Open containing folder");
        open.setOnAction(e -> onSelected(table, actions.openFolder()));
        MenuItem raw = new MenuItem("Show raw payload");
        raw.setOnAction(e -> onSelected(table, actions.showRaw()));
        ContextMenu menu = new ContextMenu(copy, open, raw);
        menu.setOnShowing(e -> menu.getItems().forEach(i -> i.setDisable(table.getSelectionModel().getSelectedItem() == null)));
        return menu;
    }

    private static void onSelected(TableView<LockRow> table, Consumer<LockRow> action) {
        LockRow selected = table.getSelectionModel().getSelectedItem();
        if (selected != null) {
            action.accept(selected);
        }
    }

    private static TableRow<LockRow> row(LockTableViewModel vm) {
        TableRow<LockRow> row = new TableRow<>();
        row.setOnMouseEntered(e -> {
            if (row.getTooltip() == null && row.getItem() != null) {
                Tooltip tooltip = new Tooltip();
                tooltip.setStyle("-fx-font-family: monospace;");
                tooltip.setOnShowing(shown -> {
                    if (row.getItem() != null) {
                        tooltip.setText(vm.details(row.getItem()));
                    }
                });
                row.setTooltip(tooltip);
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
