package dev.lockwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockwatch.app.LockwatchWindow;
import dev.lockwatch.app.PreferencesStorage;
import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.audit.AuditReader;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.ui.DesktopActions;
import dev.lockwatch.ui.locktable.LockRow;
import dev.lockwatch.ui.restart.TrackedLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window (TestFX, headless through Monocle) against a real OpenClaw 2026.7.35 holding two session locks: it shows both
 * as live, "Restart gateway…" finds and verifies the gateway with its version and picks SIGUSR1 by itself, and after
 * "Send" the progress view ends in "Released", each lock "released after N ms".
 *
 * <p>The window looks for a 2026.7 gateway lock in {@code $TMPDIR/openclaw-<uid>/} of its own JVM, so the gateway runs with
 * this JVM's {@code TMPDIR} (the {@code openclaw-e2e} profile gives failsafe a private one under {@code target/}); its state
 * dir is the window's one watched root.
 */
@Tag("openclaw-e2e")
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class OpenClaw2026_7_35WindowIT {
    private static OpenClawGateway gateway;
    private static List<Path> held = List.of();

    private final Preferences prefs = Preferences.userRoot().node("dev/lockwatch-e2e-window-" + System.nanoTime());
    private LockwatchWindow window;

    @BeforeAll
    static void startGatewayHoldingTwoLocks() throws Exception {
        gateway = OpenClawGateway.start(OpenClawGateway.Options.of(OpenClaw2026_7_35IT.VERSION).tmpDir(thisJvmsTmpDir()));
        held = gateway.holdSessionLocks("e2e-window-a", "e2e-window-b");
    }

    /** Where Lockwatch in this JVM looks for a 2026.7 gateway lock: {@code $TMPDIR} (as Node's os.tmpdir()), else /tmp. */
    private static Path thisJvmsTmpDir() {
        String tmp = System.getenv("TMPDIR");
        return Path.of(tmp == null || tmp.isBlank() ? "/tmp" : tmp.strip());
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Start
    void start(Stage stage) {
        Path audit = gateway.sandbox().resolve("audit.jsonl");
        window = new LockwatchWindow(stage, new PreferencesStorage(prefs, Runnable::run), List.of(gateway.stateDir()),
                List.of(gateway.stateDir()), new DesktopActions(folder -> { }, owner -> Optional.empty()),
                new AuditLog(audit, Clock.systemUTC()), Duration.ofSeconds(90));
        stage.show();
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(() -> window.close()).get(10, TimeUnit.SECONDS);
        }
        prefs.removeNode();
    }

    @Test
    void restartFromTheWindowEndsReleased(FxRobot robot) throws Exception {
        assertThat(held).allMatch(Files::exists);
        TableView<LockRow> table = robot.lookup("#lock-table").queryTableView();
        waitFor("the window shows both held locks as live", Duration.ofSeconds(60),
                () -> onFx(() -> table.getItems().stream().filter(r -> r.verdict() == Verdict.LIVE).count()) == 2);

        robot.clickOn("#restart-gateway-button");
        waitFor("the restart plan", Duration.ofSeconds(60),
                () -> onFx(() -> robot.lookup("#restart-send").tryQuery().map(n -> !n.isDisabled()).orElse(false)));
        String plan = onFx(() -> robot.lookup("#restart-gateway").queryAs(Label.class).getText());
        assertThat(plan).as("the plan").contains("Gateway lock: " + gateway.gatewayLock())
                .contains("Pid: " + gateway.pid()).contains("OpenClaw: " + OpenClaw2026_7_35IT.VERSION).contains("Verified: ");
        assertThat(onFx(() -> shown(robot.lookup("#restart-choose-usr1").queryButton())))
                .as("the version is known: no signal to choose").isFalse();
        assertThat(onFx(() -> robot.lookup("#restart-send").queryButton().getText()))
                .isEqualTo("Send SIGUSR1 to pid " + gateway.pid());
        TableView<TrackedLock> tracked = robot.lookup("#restart-tracked").queryTableView();
        assertThat(onFx(() -> tracked.getItems().stream().map(TrackedLock::path).toList()))
                .containsAll(held); // and any lock the gateway holds for a run of its own
        Instant lockBefore = Instant.parse(gateway.gatewayLockJson().path("createdAt").asText());

        robot.clickOn("#restart-send");
        Label phase = robot.lookup("#restart-phase").queryAs(Label.class);
        waitFor("the progress view ends", Duration.ofSeconds(150),
                () -> onFx(() -> isFinal(phase.getText())));
        String message = onFx(() -> robot.lookup("#restart-message").queryAs(Label.class).getText());
        assertThat(onFx(phase::getText)).as("outcome; message: " + message + "\n" + gateway.outputTail(30)).isEqualTo("Released");
        assertThat(onFx(() -> tracked.getItems().stream().map(t -> t.stateProperty().get()).toList())).as(message)
                .hasSizeGreaterThanOrEqualTo(held.size()).allSatisfy(s -> assertThat(s).matches("released after \\d+ ms"));
        assertThat(message).contains("same process (pid " + gateway.pid() + ")");
        assertThat(onFx(() -> shown(robot.lookup("#restart-remove").queryButton()))).isFalse();

        assertThat(gateway.isAlive()).as("restarted in process").isTrue();
        assertThat(Instant.parse(gateway.gatewayLockJson().path("createdAt").asText()))
                .as("2026.7.35 rewrites its gateway lock when it restarts").isAfter(lockBefore);
        assertThat(gateway.output()).contains("received SIGUSR1; restarting");
        List<JsonNode> audit = AuditReader.tail(gateway.sandbox().resolve("audit.jsonl"));
        assertThat(audit).extracting(n -> n.path("action").asText()).containsExactly("signal", "restart-outcome");
        assertThat(audit.get(0).toString()).contains("SIGUSR1").contains(Long.toString(gateway.pid()));

        // the gateway removes what it released for good (a lock may come back for a moment first): the table follows
        Poll.until("the gateway removed its session locks", Duration.ofSeconds(60), () -> held.stream().noneMatch(Files::exists),
                () -> gateway.outputTail(30));
        waitFor("the window drops the released locks", Duration.ofSeconds(60),
                () -> onFx(() -> table.getItems().stream().noneMatch(r -> held.contains(r.report().path()))));
    }

    private static boolean isFinal(String phaseText) {
        return phaseText != null && !phaseText.isEmpty() && !phaseText.equals("Plan") && !phaseText.startsWith("Verifying") && !phaseText.equals("Signal sent")
                && !phaseText.startsWith("Waiting for the locks");
    }

    /** Visible, and so is every parent (the signal choice hides the box its buttons are in). */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(String what, Duration timeout, Check check) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, check::holds);
        } catch (TimeoutException e) {
            throw new AssertionError("not within " + timeout + ": " + what + "\n" + gateway.outputTail(30));
        }
    }
}
