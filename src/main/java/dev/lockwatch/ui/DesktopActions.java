package dev.lockwatch.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * What the window asks of the desktop: open a folder in the file manager, let the operator choose a folder.
 * Injected so tests can drive the real window without native dialogs.
 */
public record DesktopActions(Consumer<Path> openFolder, Function<Window, Optional<Path>> chooseFolder, DemoStarter demo) {

    /** Starts Lockwatch's demo gateway (leak mode) in a scratch state dir, off the FX thread. */
    public interface DemoStarter {
        /** Calls {@code onReady} with the demo's state dir, or {@code onError} with a message, on the FX thread. */
        void start(Consumer<Path> onReady, Consumer<String> onError);
    }

    public static final DemoStarter NO_DEMO = (ready, error) -> error.accept("the demo gateway is not available here");

    public DesktopActions(Consumer<Path> openFolder, Function<Window, Optional<Path>> chooseFolder) {
        this(openFolder, chooseFolder, NO_DEMO);
    }

    /** The native folder chooser. */
    public static Optional<Path> nativeChooser(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Add a folder to watch");
        File dir = chooser.showDialog(owner);
        return Optional.ofNullable(dir).map(File::toPath);
    }
}
