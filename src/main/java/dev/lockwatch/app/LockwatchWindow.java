package dev.lockwatch.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.ui.cleanup.CleanupViewModel;
import dev.lockwatch.ui.report.ReportViewModel;
import dev.lockwatch.ui.restart.RestartViewModel;
import java.util.concurrent.ExecutorService;
import dev.lockwatch.ui.DesktopActions;
import dev.lockwatch.ui.MainView;
import dev.lockwatch.ui.holds.HoldsViewModel;
import dev.lockwatch.ui.locktable.LockTableViewModel;
import dev.lockwatch.ui.settings.SettingsStorage;
import dev.lockwatch.ui.settings.SettingsViewModel;
import dev.lockwatch.ui.settings.Theme;
import dev.lockwatch.watch.LockStore;
import dev.lockwatch.watch.WatchState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * Wires one main window: store, watcher, view-models, views, the one-second age clock and the history
 * sampler. Used by {@link LockwatchApp} and by the GUI tests. Create and close on the FX thread.
 */
public final class LockwatchWindow implements AutoCloseable {
    /** Table batches at most one frame (60 Hz) apart; {@link dev.lockwatch.ui.common.FxBatcher} also keeps them under ~1/4 of the FX thread. */
    public static final Duration BATCH_INTERVAL = Duration.ofMillis(16);
    private static final int HISTORY_EVERY_SECONDS = 5;
    private static final int UNFOCUSED_TICK_SECONDS = 30;

    private final Engine engine;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(new NamedThreads("lockwatch-worker"));
    private final Clock clock;
    private final Pipeline pipeline;
    private final LockTableViewModel table;
    private final SettingsViewModel settings;
    private final ScheduledFuture<?> ticker;
    private final Stage stage;
    private int seconds;

    /**
     * @param defaultRoots OpenClaw's state dirs that exist, used until the operator chooses roots
     * @param lookedAt     every place looked at for them, for the empty state
     */
    public LockwatchWindow(Stage stage, SettingsStorage storage, List<Path> defaultRoots, List<Path> lookedAt,
                           DesktopActions desktop, AuditLog audit) {
        this(stage, storage, defaultRoots, lookedAt, desktop, audit, EngineActions.RESTART_TIMEOUT);
    }

    /** @param restartTimeout how long a restart waits for the release before it reports survivors */
    public LockwatchWindow(Stage stage, SettingsStorage storage, List<Path> defaultRoots, List<Path> lookedAt,
                           DesktopActions desktop, AuditLog audit, Duration restartTimeout) {
        this(stage, storage, defaultRoots, lookedAt, desktop, audit, restartTimeout, new Engine());
    }

    /** @param engine the watcher, possibly started before the toolkit ({@link Engine#startEarly}); the window owns it */
    LockwatchWindow(Stage stage, SettingsStorage storage, List<Path> defaultRoots, List<Path> lookedAt,
                    DesktopActions desktop, AuditLog audit, Duration restartTimeout, Engine engine) {
        this.engine = engine;
        this.scheduler = engine.scheduler();
        this.clock = engine.clock();
        this.pipeline = engine.pipeline();
        LockStore store = engine.store();
        table = new LockTableViewModel(store, pipeline, scheduler, Platform::runLater, BATCH_INTERVAL, clock.instant(), ZoneId.systemDefault());
        settings = new SettingsViewModel(storage, defaultRoots, lookedAt, pipeline::setRoots, pipeline::restartWith);
        // the theme before any control exists: otherwise the toolkit loads and applies Modena first, for nothing
        applyTheme(settings.themeProperty().get());

        EngineActions actions = new EngineActions(pipeline, audit, clock, restartTimeout);
        ReportViewModel report = new ReportViewModel(table, pipeline::roots, audit.file(), worker, Platform::runLater, clock);
        RestartViewModel restart = new RestartViewModel(actions, worker, Platform::runLater, report.restartListener());
        CleanupViewModel cleanup = new CleanupViewModel(actions, worker, Platform::runLater);
        HoldsViewModel holds = new HoldsViewModel(store, scheduler, Platform::runLater, BATCH_INTERVAL);
        MainView view = new MainView(table, settings, restart, cleanup, report, desktop, holds);
        Scene scene = new Scene(view.node(), 1280, 760);
        scene.getStylesheets().add(Objects.requireNonNull(LockwatchWindow.class.getResource("/dev/lockwatch/ui/lockwatch.css")).toExternalForm());
        settings.themeProperty().addListener((obs, old, theme) -> applyTheme(theme));
        stage.setTitle("Lockwatch");
        stage.setScene(scene);
        worker.execute(() -> { // decoding the PNGs took ~70 ms of the FX thread's start-up
            List<Image> icons = java.util.stream.IntStream.of(16, 32, 64, 256)
                    .mapToObj(size -> LockwatchWindow.class.getResource("/dev/lockwatch/icons/lockwatch-" + size + ".png"))
                    .filter(Objects::nonNull).map(url -> new Image(url.toExternalForm())).toList();
            Platform.runLater(() -> stage.getIcons().setAll(icons));
        });
        view.installShortcuts();

        // One clock for every age, driven from the scheduler rather than an endless Timeline, so an idle window
        // does not keep the toolkit pulsing; unfocused, ages refresh every 30 s (and at once on focus).
        this.stage = stage;
        ticker = scheduler.scheduleAtFixedRate(() -> Platform.runLater(this::tick), 1, 1, TimeUnit.SECONDS);
        stage.focusedProperty().addListener((obs, was, focused) -> {
            if (focused) {
                table.tick(clock.instant());
            }
        });
        // the filter field would blink its caret for ever: start with the table focused
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> view.focusTable());
        table.sampleHistory(clock.instant());
        this.engine.follow(List.copyOf(settings.roots()), settings.staleAfterProperty().get(), this::onWatchState);
    }

    /** Every second, on the FX thread. */
    private void tick() {
        seconds++;
        Instant now = clock.instant();
        if (stage.isFocused() || seconds % UNFOCUSED_TICK_SECONDS == 0) {
            table.tick(now);
        }
        if (seconds % HISTORY_EVERY_SECONDS == 0) {
            table.sampleHistory(now);
        }
    }

    private void onWatchState(WatchState state) {
        Platform.runLater(() -> table.watchState(state.scanning(), state.rootsWatched(), state.lastChange()));
    }

    private static void applyTheme(Theme theme) {
        Application.setUserAgentStylesheet(theme == Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    public LockTableViewModel table() {
        return table;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    @Override
    public void close() {
        ticker.cancel(false);
        engine.close();
        worker.shutdownNow();
    }
}
