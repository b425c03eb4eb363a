package dev.lockwatch.app;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.lock.DefaultRoots;
import dev.lockwatch.ui.DesktopActions;
import dev.lockwatch.ui.settings.LockwatchSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application. {@link #launchGui} finds the roots and starts the watcher before the toolkit, so
 * the first scan runs while the toolkit starts; {@link #start} then opens the main window on that watcher.
 */
public final class LockwatchApp extends Application {
    /** Handed from {@link #launchGui} to the instance the toolkit creates. */
    private static volatile EarlyStart early;

    private final ExecutorService io = Executors.newSingleThreadExecutor(new NamedThreads("lockwatch-io"));
    private final DemoGatewayLauncher demo = new DemoGatewayLauncher(io, javafx.application.Platform::runLater);
    private LockwatchWindow window;

    /** What is known and running before the toolkit: the default roots and the started watcher. */
    private record EarlyStart(List<Path> defaultRoots, List<Path> lookedAt, Engine engine) {
        static EarlyStart begin() {
            Path home = Path.of(System.getProperty("user.home"));
            List<Path> defaults = DefaultRoots.existing(System.getenv(), home);
            LockwatchSettings saved = new PreferencesStorage(PreferencesStorage.userNode(), Runnable::run).load();
            List<Path> roots = saved.roots() == null ? defaults : saved.roots();
            return new EarlyStart(defaults, DefaultRoots.candidates(System.getenv(), home),
                    new Engine().startEarly(roots, saved.staleAfter()));
        }
    }

    static void launchGui(String[] args) {
        early = EarlyStart.begin();
        try {
            Application.launch(LockwatchApp.class, args);
        } finally {
            early.engine().close(); // closed already when the window closed; this covers a toolkit that never started
        }
    }

    @Override
    public void start(Stage stage) {
        EarlyStart started = early != null ? early : EarlyStart.begin();
        window = new LockwatchWindow(stage, new PreferencesStorage(PreferencesStorage.userNode(), io), started.defaultRoots(),
                started.lookedAt(),
                new DesktopActions(folder -> getHostServices().showDocument(folder.toUri().toString()), DesktopActions::nativeChooser,
                        demo),
                new AuditLog(AuditLog.defaultFile(), java.time.Clock.systemUTC()), EngineActions.RESTART_TIMEOUT, started.engine());
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        demo.close();
        io.shutdown();
    }
}
