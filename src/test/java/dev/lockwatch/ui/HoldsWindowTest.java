package dev.lockwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.app.LockwatchWindow;
import dev.lockwatch.app.PreferencesStorage;
import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.FxWait;
import dev.lockwatch.testing.OpenClawDbs;
import dev.lockwatch.ui.holds.HoldRow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless, watching a 2026.8+ state dir whose database a test writes as a gateway would. */
@ExtendWith(ApplicationExtension.class)
class HoldsWindowTest {
    @TempDir
    static Path state;
    @TempDir
    static Path audit;

    private final Preferences prefs = Preferences.userRoot().node("dev/lockwatch-holdstest-" + System.nanoTime());
    private LockwatchWindow window;
    private Path stateDb;

    @Start
    void start(Stage stage) throws Exception {
        long now = System.currentTimeMillis();
        stateDb = state.resolve("state/openclaw.sqlite");
        OpenClawDbs.create(stateDb, "state-schema-2026.9.6.sql", true,
                "INSERT INTO schema_meta VALUES ('primary','global',18,NULL,'2026.9.6'," + now + "," + now + ")");
        window = new LockwatchWindow(stage, new PreferencesStorage(prefs, Runnable::run), List.of(state), List.of(state),
                new DesktopActions(folder -> { }, owner -> Optional.empty()), new AuditLog(audit.resolve("audit.jsonl"), Clock.systemUTC()));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(10, TimeUnit.SECONDS);
        prefs.removeNode();
    }

    @Test
    void aDeadOwnersLeaseAppearsStaleAndGoesWhenTheRowIsDeleted(FxRobot robot) throws Exception {
        assumeTrue(java.nio.file.Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        TableView<HoldRow> table = robot.lookup("#holds-table").queryTableView();
        Label summary = robot.lookup("#holds-summary").queryAs(Label.class);
        FxWait.until("the idle state is said", () -> summary.getText().equals("gateway idle: no leases held"));
        FxWait.until("the empty lock table does not call a 2026.8+ state dir healthy",
                () -> robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> "No session lock files".equals(l.getText())));

        long now = System.currentTimeMillis();
        long dead = ChildProcess.reapedPid();
        OpenClawDbs.write(stateDb, "INSERT INTO agent_database_leases VALUES ('lease-x','main','agents/main/agent/openclaw-agent.sqlite',"
                + dead + ",NULL," + now + ")");
        FxWait.until("the DB lease is shown", () -> List.copyOf(table.getItems()).stream().anyMatch(r -> r.id().endsWith("#lease-x")));
        HoldRow row = List.copyOf(table.getItems()).stream().filter(r -> r.id().endsWith("#lease-x")).findFirst().orElseThrow();
        assertThat(row.kind()).isEqualTo("DB lease");
        assertThat(row.pid()).isEqualTo(Long.toString(dead));
        assertThat(row.verdict()).isEqualTo(Verdict.STALE);
        assertThat(row.reasons()).isEqualTo("dead-owner");
        assertThat(summary.getText()).isEqualTo("1 held in OpenClaw 2026.8+ state, 1 not live");

        OpenClawDbs.write(stateDb, "DELETE FROM agent_database_leases");
        FxWait.until("the row goes with the DB row", () -> table.getItems().isEmpty());
        FxWait.until("idle again", () -> summary.getText().equals("gateway idle: no leases held"));
    }
}
