package dev.lockwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.app.LockwatchWindow;
import dev.lockwatch.audit.AuditLog;
import java.time.Clock;
import dev.lockwatch.app.PreferencesStorage;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.FxWait;
import dev.lockwatch.testing.LockFiles;
import dev.lockwatch.ui.locktable.LockRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless through Monocle, watching real files held by real processes. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    static Path state;
    @TempDir
    static Path extraRoot;
    @TempDir
    static Path audit;

    private final Preferences prefs = Preferences.userRoot().node("dev/lockwatch-guitest-" + System.nanoTime());
    private LockwatchWindow window;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    }

    @Start
    void start(Stage stage) throws Exception {
        Files.createDirectories(state.resolve("agents/main/sessions"));
        window = new LockwatchWindow(stage, new PreferencesStorage(prefs, Runnable::run), List.of(state), List.of(state),
                new DesktopActions(folder -> { }, owner -> Optional.of(extraRoot)),
                new AuditLog(audit.resolve("audit.jsonl"), Clock.systemUTC()));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(10, TimeUnit.SECONDS);
        prefs.removeNode();
    }

    private static Optional<LockRow> row(TableView<LockRow> table, String session) {
        return List.copyOf(table.getItems()).stream().filter(r -> r.session().equals(session)).findFirst();
    }

    @Test
    void lockCreatedOnDiskAppearsAndDeletingItRemovesTheRow(FxRobot robot) throws Exception {
        TableView<LockRow> table = robot.lookup("#lock-table").queryTableView();
        Path lock = LockFiles.write(state.resolve("agents/main/sessions/appears.jsonl.lock"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(lock)) {
            LockFiles.write(lock, holder.pid(), Instant.now(), holder.starttime());
            FxWait.until("the row", () -> row(table, "appears").map(r -> r.verdict() == Verdict.LIVE).orElse(false));
            Label status = robot.lookup("#status").queryAs(Label.class);
            FxWait.until("the status bar", () -> status.getText().contains("1 live"));
            Files.delete(lock);
            FxWait.until("the row to go", () -> row(table, "appears").isEmpty());
        }
    }

    @Test
    void lockTurnsStaleWhenItsHolderIsKilled(FxRobot robot) throws Exception {
        TableView<LockRow> table = robot.lookup("#lock-table").queryTableView();
        Path lock = LockFiles.write(state.resolve("agents/main/sessions/victim.jsonl.lock"), "{}");
        ChildProcess holder = ChildProcess.openClawHolding(lock);
        LockFiles.write(lock, holder.pid(), Instant.now(), holder.starttime());
        FxWait.until("the live row", () -> row(table, "victim").map(r -> r.verdict() == Verdict.LIVE).orElse(false));
        holder.close(); // SIGKILL; the file stays, no file event follows
        FxWait.until("the stale verdict", () -> row(table, "victim")
                .map(r -> r.verdict() == Verdict.STALE && r.reasons().contains("dead-pid")).orElse(false));
        Files.delete(lock);
    }

    @Test
    void addingARootThroughTheWindowWatchesIt(FxRobot robot) throws Exception {
        TableView<LockRow> table = robot.lookup("#lock-table").queryTableView();
        LockFiles.write(extraRoot.resolve("agents/ops/sessions/elsewhere.jsonl.lock"), ChildProcess.reapedPid(), Instant.now(), null);
        robot.clickOn("#roots");
        robot.clickOn("#roots-add");
        FxWait.until("the new root's lock", () -> row(table, "elsewhere").map(r -> r.verdict() == Verdict.STALE).orElse(false));
        assertThat(window.settings().roots()).contains(extraRoot);
        assertThat(new PreferencesStorage(prefs, Runnable::run).load().roots()).contains(extraRoot);
    }

    @Test
    void aRootThatCannotBeReadIsShownAsAMessageInTheWindow(FxRobot robot) throws Exception {
        Path missing = extraRoot.resolve("gone-" + System.nanoTime());
        robot.interact(() -> window.settings().addRoot(missing));
        javafx.scene.layout.VBox banner = robot.lookup("#messages").queryAs(javafx.scene.layout.VBox.class);
        FxWait.until("the message", () -> banner.isVisible() && banner.getChildren().stream()
                .anyMatch(n -> ((Label) n).getText().contains(missing.toString()) && ((Label) n).getText().contains("no such directory")));
        robot.interact(() -> window.settings().removeRoot(missing));
        FxWait.until("the message to go", () -> !banner.isVisible());
    }

    @Test
    void filterNarrowsTheTable(FxRobot robot) throws Exception {
        TableView<LockRow> table = robot.lookup("#lock-table").queryTableView();
        Path sessions = state.resolve("agents/main/sessions");
        LockFiles.write(sessions.resolve("keep-me.jsonl.lock"), ChildProcess.reapedPid(), Instant.now(), null);
        LockFiles.write(sessions.resolve("hide-me.jsonl.lock"), ChildProcess.reapedPid(), Instant.now(), null);
        FxWait.until("both rows", () -> row(table, "keep-me").isPresent() && row(table, "hide-me").isPresent());
        robot.clickOn("#filter").write("keep");
        FxWait.until("the filter", () -> table.getItems().size() == 1 && row(table, "keep-me").isPresent());
        Files.delete(sessions.resolve("keep-me.jsonl.lock"));
        Files.delete(sessions.resolve("hide-me.jsonl.lock"));
    }

    @Test
    void agesTickOnScreenAndTheAgeColumnSortsByAge(FxRobot robot) throws Exception {
        TableView<LockRow> table = robot.lookup("#lock-table").queryTableView();
        Path sessions = state.resolve("agents/main/sessions");
        LockFiles.write(sessions.resolve("older.jsonl.lock"), ChildProcess.reapedPid(), Instant.now().minusSeconds(300), null);
        LockFiles.write(sessions.resolve("younger.jsonl.lock"), ChildProcess.reapedPid(), Instant.now().minusSeconds(20), null);
        FxWait.until("both rows", () -> row(table, "older").isPresent() && row(table, "younger").isPresent());
        // under two minutes an age shows whole seconds ("20s", "21s", ...), and it ticks
        FxWait.until("the younger lock's age on screen", () -> ageShown(robot, "younger").matches("\\d{2,3}s"));
        String first = ageShown(robot, "younger");
        FxWait.until("the age to tick", () -> !ageShown(robot, "younger").equals(first) && ageShown(robot, "younger").matches("\\d{2,3}s"));
        assertThat(ageShown(robot, "older")).startsWith("5m");

        robot.interact(() -> {
            TableColumn<LockRow, ?> age = table.getColumns().stream().filter(c -> "age-column".equals(c.getId())).findFirst().orElseThrow();
            age.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(age));
        });
        FxWait.until("oldest first", () -> table.getItems().get(0).session().equals("older"));
        Files.delete(sessions.resolve("older.jsonl.lock"));
        Files.delete(sessions.resolve("younger.jsonl.lock"));
    }

    /** The text the age cell of a session's row shows, as drawn. */
    private static String ageShown(FxRobot robot, String session) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> ageCellText(robot, session)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String ageCellText(FxRobot robot, String session) {
        return robot.lookup(".table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n)
                .filter(r -> r.getItem() instanceof LockRow l && l.session().equals(session))
                .flatMap(r -> r.lookupAll(".table-cell").stream())
                .map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && "age-column".equals(c.getTableColumn().getId()))
                .map(c -> c.getText() == null ? "" : c.getText())
                .findFirst().orElse("");
    }
}
