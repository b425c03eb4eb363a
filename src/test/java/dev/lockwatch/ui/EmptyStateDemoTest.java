package dev.lockwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.app.DemoGatewayLauncher;
import dev.lockwatch.app.LockwatchWindow;
import dev.lockwatch.app.PreferencesStorage;
import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.ui.locktable.LockRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
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

/** No OpenClaw state dir: the window says so plainly and offers a demo gateway, which then shows its live locks. */
@ExtendWith(ApplicationExtension.class)
class EmptyStateDemoTest {
    @TempDir
    Path data;

    private final Preferences prefs = Preferences.userRoot().node("dev/lockwatch-emptytest-" + System.nanoTime());
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private DemoGatewayLauncher demo;
    private LockwatchWindow window;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    }

    @Start
    void start(Stage stage) {
        demo = new DemoGatewayLauncher(worker, Platform::runLater);
        window = new LockwatchWindow(stage, new PreferencesStorage(prefs, Runnable::run), List.of(),
                List.of(Path.of("/nonexistent/.openclaw")), new DesktopActions(f -> { }, o -> Optional.empty(), demo),
                new AuditLog(data.resolve("audit.jsonl"), Clock.systemUTC()));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(10, TimeUnit.SECONDS);
        demo.close();
        worker.shutdownNow();
        prefs.removeNode();
    }

    @Test
    void emptyStateOffersTheDemoGateway(FxRobot robot) throws Exception {
        Label title = robot.lookup("#empty-state .title-3").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo("No OpenClaw state directory found");
        robot.clickOn("#start-demo");
        TableView<LockRow> table = robot.lookup("#lock-table").queryTableView();
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS,
                () -> List.copyOf(table.getItems()).stream().filter(r -> r.verdict() == Verdict.LIVE).count() == 3);
        assertThat(window.settings().roots()).hasSize(1);
        assertThat(window.settings().roots().get(0).getFileName().toString()).startsWith("lockwatch-demo-");
    }
}
