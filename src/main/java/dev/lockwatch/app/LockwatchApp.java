package dev.lockwatch.app;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.lock.DefaultRoots;
import dev.lockwatch.ui.DesktopActions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: finds the default roots off the FX thread, then opens the main window. */
public final class LockwatchApp extends Application {
    private final ExecutorService io = Executors.newSingleThreadExecutor(new NamedThreads("lockwatch-io"));
    private List<Path> defaultRoots = List.of();
    private List<Path> lookedAt = List.of();
    private final DemoGatewayLauncher demo = new DemoGatewayLauncher(io, javafx.application.Platform::runLater);
    private LockwatchWindow window;

    static void launchGui(String[] args) {
        Application.launch(LockwatchApp.class, args);
    }

    @Override
    public void init() {
        Path home = Path.of(System.getProperty("user.home"));
        defaultRoots = DefaultRoots.existing(System.getenv(), home);
        lookedAt = DefaultRoots.candidates(System.getenv(), home);
    }

    @Override
    public void start(Stage stage) {
        window = new LockwatchWindow(stage, new PreferencesStorage(PreferencesStorage.userNode(), io), defaultRoots, lookedAt,
                new DesktopActions(folder -> getHostServices().showDocument(folder.toUri().toString()), DesktopActions::nativeChooser,
                        demo),
                new AuditLog(AuditLog.defaultFile(), java.time.Clock.systemUTC()));
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
