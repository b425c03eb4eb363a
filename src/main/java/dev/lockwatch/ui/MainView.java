package dev.lockwatch.ui;

import dev.lockwatch.lock.DurationText;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.ui.holds.HoldsView;
import dev.lockwatch.ui.holds.HoldsViewModel;
import dev.lockwatch.ui.cleanup.CleanupViewModel;
import dev.lockwatch.ui.report.AuditDialog;
import dev.lockwatch.ui.report.ReportViewModel;
import dev.lockwatch.ui.restart.RestartDialog;
import dev.lockwatch.ui.restart.RestartViewModel;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.control.Separator;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.ui.history.HistoryChartView;
import dev.lockwatch.ui.locktable.DetailPane;
import dev.lockwatch.ui.locktable.LockDetails;
import dev.lockwatch.ui.locktable.LockRow;
import dev.lockwatch.ui.locktable.LockTableView;
import dev.lockwatch.ui.locktable.LockTableViewModel;
import dev.lockwatch.ui.settings.RootsDialog;
import dev.lockwatch.ui.settings.SettingsViewModel;
import dev.lockwatch.ui.settings.Theme;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The main window's content: toolbar (filter, verdict, rescan, roots, settings), error banner, the lock
 * table with the evidence pane and the verdict chart, and the status bar. It binds to the view-models and
 * forwards commands; it holds no state of its own.
 */
public final class MainView {
    private final BorderPane root = new BorderPane();
    private final TextField filter = new TextField();
    private final LockTableViewModel vm;
    private final SettingsViewModel settings;
    private final DesktopActions desktop;
    private final RestartViewModel restart;
    private final CleanupViewModel cleanup;
    private final ReportViewModel report;
    private final HoldsViewModel holds;

    public MainView(LockTableViewModel vm, SettingsViewModel settings, RestartViewModel restart, CleanupViewModel cleanup,
                    ReportViewModel report, DesktopActions desktop, HoldsViewModel holds) {
        this.report = report;
        this.vm = vm;
        this.settings = settings;
        this.restart = restart;
        this.cleanup = cleanup;
        this.desktop = desktop;
        this.holds = holds;
        root.setId("main");
        LockTableView.RowActions actions = new LockTableView.RowActions(this::copyPath, this::openFolderOf, this::showRaw);
        LockTableView table = new LockTableView(vm, actions, placeholder());
        DetailPane details = new DetailPane(vm, table.node().getSelectionModel().selectedItemProperty(), actions);
        HistoryChartView chart = new HistoryChartView(vm.history(), Duration.ofMinutes(15));

        VBox side = new VBox(8, chart.node(), details.node());
        VBox.setVgrow(details.node(), Priority.ALWAYS);
        side.setPadding(new Insets(8));
        SplitPane tables = new SplitPane(table.node(), new HoldsView(holds).node());
        tables.setOrientation(Orientation.VERTICAL);
        tables.setDividerPositions(0.62);
        SplitPane split = new SplitPane(tables, side);
        split.setDividerPositions(0.68);

        root.setTop(new VBox(toolbar(), banner(), cleanupResult(), resultLine("report-result", report.statusProperty())));
        root.setCenter(split);
        root.setBottom(statusBar());
        enableFolderDrop();
    }

    private ToolBar toolbar() {
        filter.setId("filter");
        filter.setPromptText("Filter (Ctrl+F)");
        filter.setTooltip(new javafx.scene.control.Tooltip("Matches session, agent, pid, verdict, reasons and command line"));
        filter.setPrefColumnCount(18);
        filter.textProperty().bindBidirectional(vm.textFilterProperty());

        ComboBox<Verdict> verdict = new ComboBox<>();
        verdict.setId("verdict-filter");
        verdict.getItems().add(null);
        verdict.getItems().addAll(Verdict.values());
        verdict.setButtonCell(verdictCell());
        verdict.setCellFactory(l -> verdictCell());
        verdict.valueProperty().bindBidirectional(vm.verdictFilterProperty());

        Button rescan = new Button("Rescan");
        rescan.setId("rescan");
        rescan.setOnAction(e -> vm.rescan());
        Button roots = new Button("Roots…");
        roots.setId("roots");
        roots.setOnAction(e -> new RootsDialog(settings, this::chooseFolder).show(window()));

        Button restartGateway = new Button("Restart gateway…");
        restartGateway.setId("restart-gateway-button");
        restartGateway.getStyleClass().add("primary-action");
        restartGateway.setOnAction(e -> new RestartDialog(restart).show(window()));
        Button removeStale = new Button("Remove stale…");
        removeStale.setTooltip(new javafx.scene.control.Tooltip("Remove the stale locks that are safe to remove (asks first)"));
        removeStale.setId("remove-stale");
        removeStale.disableProperty().bind(cleanup.busyProperty());
        removeStale.setOnAction(e -> confirmRemoveStale());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button auditLog = new Button("Audit log");
        auditLog.setId("audit-log");
        auditLog.setOnAction(e -> new AuditDialog(report).show(window()));
        Button export = new Button("Report…");
        export.setTooltip(new javafx.scene.control.Tooltip("Export an incident report (Markdown and JSON) into a folder"));
        export.setId("export-report");
        export.setOnAction(e -> chooseFolder().ifPresent(report::export));
        return new ToolBar(filter, verdict, rescan, roots, new Separator(Orientation.VERTICAL), restartGateway, removeStale,
                new Separator(Orientation.VERTICAL), auditLog, export, grow, settingsMenu());
    }

    private void confirmRemoveStale() {
        List<LockReport> candidates = cleanup.candidates(vm.allRows());
        Alert confirm = new Alert(candidates.isEmpty() ? Alert.AlertType.INFORMATION : Alert.AlertType.CONFIRMATION);
        confirm.initOwner(window());
        confirm.setTitle("Remove stale locks");
        if (candidates.isEmpty()) {
            confirm.setHeaderText("No stale lock can be removed");
            confirm.setContentText("Live, unresolved and unreadable locks, locks still held open, and locks stale only by"
                    + " too-old / hold-exceeded are never removed here.");
            confirm.show();
            return;
        }
        confirm.setHeaderText("Remove " + candidates.size() + " stale lock" + (candidates.size() == 1 ? "" : "s") + "?");
        TextArea list = new TextArea(candidates.stream().map(l -> l.path() + "   (" + String.join(", ",
                l.reasons().stream().map(r -> r.word()).toList()) + ")").collect(Collectors.joining("\n")));
        list.setEditable(false);
        list.setId("remove-stale-list");
        list.setPrefRowCount(Math.min(12, candidates.size() + 1));
        confirm.getDialogPane().setContent(new VBox(8, new Label("Each is removed only if it is still exactly what was judged;"
                + " every removal is written to the audit log."), list));
        confirm.getDialogPane().lookupButton(ButtonType.OK).setId("remove-stale-confirm");
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> cleanup.remove(candidates));
    }

    private static ListCell<Verdict> verdictCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Verdict item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "All verdicts" : item.word());
            }
        };
    }

    private MenuButton settingsMenu() {
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light theme");
        RadioMenuItem dark = new RadioMenuItem("Dark theme");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        light.setSelected(settings.themeProperty().get() == Theme.LIGHT);
        dark.setSelected(settings.themeProperty().get() == Theme.DARK);
        light.setOnAction(e -> settings.setTheme(Theme.LIGHT));
        dark.setOnAction(e -> settings.setTheme(Theme.DARK));
        MenuItem threshold = new MenuItem();
        threshold.textProperty().bind(Bindings.createStringBinding(
                () -> "Stale threshold: " + settings.staleAfterProperty().get().toMinutes() + " min…", settings.staleAfterProperty()));
        threshold.setOnAction(e -> askStaleThreshold());
        MenuButton menu = new MenuButton("Settings", null, light, dark, new SeparatorMenuItem(), threshold);
        menu.setId("settings");
        return menu;
    }

    private void askStaleThreshold() {
        TextInputDialog dialog = new TextInputDialog(settings.staleAfterProperty().get().toMinutes() + "m");
        dialog.initOwner(window());
        dialog.setTitle("Stale threshold");
        dialog.setHeaderText("OpenClaw calls a lock too-old after this age (its default: 30m).\nUse 90s, 30m, 2h.");
        dialog.showAndWait().ifPresent(text -> {
            try {
                settings.setStaleAfter(DurationText.parse(text));
            } catch (IllegalArgumentException ex) {
                new Alert(Alert.AlertType.ERROR, ex.getMessage(), ButtonType.OK).showAndWait();
            }
        });
    }

    private Node cleanupResult() {
        return resultLine("cleanup-result", cleanup.resultProperty());
    }

    private static Label resultLine(String id, javafx.beans.value.ObservableStringValue text) {
        Label result = new Label();
        result.setId(id);
        result.textProperty().bind(text);
        result.visibleProperty().bind(Bindings.isNotEmpty(text));
        result.managedProperty().bind(result.visibleProperty());
        result.setPadding(new Insets(4, 10, 4, 10));
        return result;
    }

    private Node banner() {
        VBox banner = new VBox(2);
        banner.setId("messages");
        banner.getStyleClass().add("message-banner");
        Runnable refresh = () -> {
            banner.getChildren().setAll(vm.messages().stream().map(m -> {
                Label l = new Label("⚠ " + m);
                l.setWrapText(true);
                return l;
            }).collect(Collectors.toList()));
            banner.setVisible(!vm.messages().isEmpty());
            banner.setManaged(!vm.messages().isEmpty());
        };
        vm.messages().addListener((ListChangeListener<String>) c -> refresh.run());
        refresh.run();
        return banner;
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("scan-progress");
        progress.setPrefSize(16, 16);
        progress.visibleProperty().bind(vm.scanningProperty());
        HBox bar = new HBox(8, progress, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private Node placeholder() {
        Label title = new Label();
        title.getStyleClass().add("title-3");
        Label detail = new Label();
        detail.setWrapText(true);
        detail.setMaxWidth(560);
        Button add = new Button("Add folder…");
        add.setId("add-folder");
        add.setOnAction(e -> chooseFolder().ifPresent(settings::addRoot));
        Button demo = new Button("Try with a demo gateway");
        demo.setId("start-demo");
        demo.setOnAction(e -> {
            demo.setDisable(true);
            detail.setText("Starting a demo gateway that leaks its locks on restart, as OpenClaw's bug does…");
            desktop.demo().start(dir -> {
                settings.addRoot(dir);
                demo.setDisable(false);
            }, error -> {
                detail.setText(error);
                demo.setDisable(false);
            });
        });
        Runnable update = () -> {
            if (settings.roots().isEmpty()) {
                title.setText("No OpenClaw state directory found");
                detail.setText("Lockwatch looked in " + settings.lookedAt().stream().map(Path::toString)
                        .collect(Collectors.joining(", ")) + ".\nAdd the folder your gateway uses (its OPENCLAW_STATE_DIR), or drop it here.");
            } else if (vm.totalRows() == 0 && holds.emptyLockTableProperty().get() != null) {
                title.setText("No session lock files");
                detail.setText(holds.emptyLockTableProperty().get());
            } else if (vm.totalRows() == 0) {
                title.setText("No session locks");
                detail.setText("Nothing holds a session under " + settings.roots().size() + " watched folder"
                        + (settings.roots().size() == 1 ? "" : "s") + ". That is what healthy looks like.");
            } else {
                title.setText("No lock matches the filter");
                detail.setText("Clear the filter to see all " + vm.totalRows() + " locks.");
            }
        };
        settings.roots().addListener((ListChangeListener<Path>) c -> update.run());
        vm.filteredRows().addListener((ListChangeListener<LockRow>) c -> update.run());
        holds.emptyLockTableProperty().addListener((o, was, now) -> update.run());
        update.run();
        Label demoHelp = new Label("The demo writes three held session locks in a scratch folder. Restart it with"
                + " \"Restart gateway…\": its locks survive as orphans, which Lockwatch then removes.");
        demoHelp.setWrapText(true);
        demoHelp.setMaxWidth(560);
        VBox box = new VBox(10, title, detail, new HBox(8, add, demo), demoHelp);
        ((HBox) box.getChildren().get(2)).setAlignment(Pos.CENTER);
        box.setAlignment(Pos.CENTER);
        box.setId("empty-state");
        return box;
    }

    private void enableFolderDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.LINK, TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean added = false;
            if (e.getDragboard().hasFiles()) {
                for (File f : e.getDragboard().getFiles()) {
                    settings.addRoot(f.toPath());
                    added = true;
                }
            }
            e.setDropCompleted(added);
            e.consume();
        });
    }

    /** Puts the keyboard focus on the table (not the filter, whose caret would blink for ever). */
    public void focusTable() {
        root.lookupAll("#lock-table").forEach(javafx.scene.Node::requestFocus);
    }

    /** F5 rescans, Ctrl+F focuses the filter, Escape clears it. */
    public void installShortcuts() {
        var accelerators = root.getScene().getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.F5), vm::rescan);
        accelerators.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            filter.requestFocus();
            filter.selectAll();
        });
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.clearFilters();
            }
        });
    }

    private java.util.Optional<Path> chooseFolder() {
        return desktop.chooseFolder().apply(window());
    }

    private void copyPath(LockRow row) {
        if (row != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(row.report().path().toString());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        }
    }

    private void openFolderOf(LockRow row) {
        if (row != null && row.report().path().getParent() != null) {
            desktop.openFolder().accept(row.report().path().getParent());
        }
    }

    private void showRaw(LockRow row) {
        if (row == null) {
            return;
        }
        TextArea text = new TextArea(LockDetails.rawPayload(row.report()));
        text.setEditable(false);
        text.getStyleClass().add("monospace");
        text.setId("raw-payload");
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(window());
        alert.setTitle("Raw payload");
        alert.setHeaderText(row.report().path().toString());
        alert.getDialogPane().setContent(text);
        alert.show();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    public Parent node() {
        return root;
    }
}
