package dev.lockwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.app.LockwatchWindow;
import dev.lockwatch.app.PreferencesStorage;
import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.audit.AuditReader;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.FxWait;
import dev.lockwatch.testing.DemoGatewayProcess;
import dev.lockwatch.testing.LockFiles;
import dev.lockwatch.ui.locktable.LockRow;
import dev.lockwatch.ui.restart.TrackedLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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

/** Restart and removal driven through the real window (Monocle), against the demo gateway: real processes, real signals. */
@ExtendWith(ApplicationExtension.class)
class RestartWindowTest {
    @TempDir
    Path state;
    @TempDir
    Path data;

    private final Preferences prefs = Preferences.userRoot().node("dev/lockwatch-restarttest-" + System.nanoTime());
    private LockwatchWindow window;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    }

    @Start
    void start(Stage stage) {
        window = new LockwatchWindow(stage, new PreferencesStorage(prefs, Runnable::run), List.of(state), List.of(state),
                new DesktopActions(folder -> { }, owner -> Optional.of(data)), new AuditLog(data.resolve("audit.jsonl"), Clock.systemUTC()), java.time.Duration.ofSeconds(5));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(10, TimeUnit.SECONDS);
        prefs.removeNode();
    }

    private long liveRows(FxRobot robot) {
        TableView<LockRow> table = robot.lookup("#lock-table").queryTableView();
        return List.copyOf(table.getItems()).stream().filter(r -> r.verdict() == Verdict.LIVE).count();
    }

    private void restartThroughTheWindow(FxRobot robot, int tracked) throws Exception {
        robot.clickOn("#restart-gateway-button");
        FxWait.until("the plan", () -> robot.lookup("#restart-send").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        TableView<TrackedLock> locks = robot.lookup("#restart-tracked").queryTableView();
        assertThat(locks.getItems()).hasSize(tracked);
        assertThat(robot.lookup("#restart-send").queryButton().getText()).startsWith("Send SIGUSR1 to pid ");
        robot.clickOn("#restart-send");
    }

    @Test
    void restartFromTheWindowEndsReleased(FxRobot robot) throws Exception {
        try (DemoGatewayProcess demo = DemoGatewayProcess.start(state, "--sessions", "3", "--mode", "release")) {
            FxWait.until("three live locks", () -> liveRows(robot) == 3);
            restartThroughTheWindow(robot, 3);
            Label phase = robot.lookup("#restart-phase").queryAs(Label.class);
            FxWait.until("the outcome", () -> phase.getText().equals("Released"));
            TableView<TrackedLock> locks = robot.lookup("#restart-tracked").queryTableView();
            assertThat(locks.getItems()).allSatisfy(t -> assertThat(t.stateProperty().get()).startsWith("released after "));
            assertThat(robot.lookup("#restart-message").queryAs(Label.class).getText()).contains("same process (pid " + demo.pid() + ")");
            assertThat(robot.lookup("#restart-remove").queryButton().isVisible()).isFalse();
        }
    }

    @Test
    void leakModeShowsSurvivorsThatTheWindowRemoves(FxRobot robot) throws Exception {
        try (DemoGatewayProcess demo = DemoGatewayProcess.start(state, "--sessions", "2", "--mode", "leak")) {
            FxWait.until("two live locks", () -> liveRows(robot) == 2);
            List<Path> leaked;
            try (var files = Files.walk(state.resolve("agents"))) {
                leaked = files.filter(p -> p.toString().endsWith(".jsonl.lock")).toList();
            }
            restartThroughTheWindow(robot, 2);
            Label phase = robot.lookup("#restart-phase").queryAs(Label.class);
            FxWait.until("the outcome", () -> phase.getText().equals("Some locks survived the restart"));
            Button remove = robot.lookup("#restart-remove").queryButton();
            assertThat(remove.getText()).isEqualTo("Remove 2 orphaned locks");
            robot.clickOn("#restart-remove");
            FxWait.until("the removal", () -> leaked.stream().noneMatch(Files::exists));
            FxWait.until("the report of the removal", () -> robot.lookup("#restart-message").queryAs(Label.class).getText()
                    .startsWith("Removed 2 of 2"));
            assertThat(AuditReader.tail(data.resolve("audit.jsonl"))).extracting(n -> n.get("action").asText())
                    .containsExactly("signal", "restart-outcome", "remove-lock", "remove-lock");

            // the incident report names the gateway, the outcome and the survivors, in Markdown and JSON
            robot.clickOn("#export-report");
            FxWait.until("the report", () -> robot.lookup("#report-result").queryAs(Label.class).getText().startsWith("Report written"));
            Path md;
            Path json;
            try (var files = Files.list(data)) {
                List<Path> written = files.filter(p -> p.getFileName().toString().startsWith("lockwatch-incident-")).sorted().toList();
                json = written.get(0);
                md = written.get(1);
            }
            assertThat(Files.readString(md)).contains("# Lockwatch incident report").contains("**survivors**")
                    .contains("| survivor | verdict |").contains("predates-gateway-restart").contains("Signal: SIGUSR1");
            var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
            assertThat(doc.get("restart").get("outcome").asText()).isEqualTo("survivors");
            assertThat(doc.get("restart").get("hostPid").asLong()).isEqualTo(demo.pid());
            assertThat(doc.get("restart").get("survivors")).hasSize(2);
            assertThat(doc.get("timeline").size()).isGreaterThanOrEqualTo(4);

            // the audit log view lists what was done
            robot.clickOn("#audit-log");
            FxWait.until("the audit table", () -> robot.lookup("#audit-table").tryQuery()
                    .map(n -> ((TableView<?>) n).getItems().size() == 4).orElse(false));
            assertThat(demo.pid()).isPositive();
        }
    }

    @Test
    void removeStaleLocksAsksFirstAndKeepsLiveOnes(FxRobot robot) throws Exception {
        Path sessions = LockFiles.sessionsDir(state, "main");
        Path dead = LockFiles.write(sessions.resolve("dead.jsonl.lock"), ChildProcess.reapedPid(), Instant.now(), null);
        Path live = LockFiles.write(sessions.resolve("live.jsonl.lock"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(live)) {
            LockFiles.write(live, holder.pid(), Instant.now(), holder.starttime());
            TableView<LockRow> table = robot.lookup("#lock-table").queryTableView();
            FxWait.until("both rows", () -> table.getItems().size() == 2 && liveRows(robot) == 1);
            robot.clickOn("#remove-stale");
            FxWait.until("the confirmation", () -> robot.lookup("#remove-stale-list").tryQuery().isPresent());
            assertThat(robot.lookup("#remove-stale-list").queryTextInputControl().getText()).contains("dead.jsonl.lock")
                    .doesNotContain("live.jsonl.lock");
            robot.clickOn("#remove-stale-confirm");
            FxWait.until("the removal", () -> !Files.exists(dead));
            assertThat(live).exists();
            FxWait.until("the result", () -> robot.lookup("#cleanup-result").queryAs(Label.class).getText().startsWith("Removed 1 of 1"));
        }
    }
}
