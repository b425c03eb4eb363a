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
public record DesktopActions(Consumer<Path> openFolder, Function<Window, Optional<Path>> chooseFolder) {

    /** The native folder chooser. */
    public static Optional<Path> nativeChooser(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Add a folder to watch");
        File dir = chooser.showDialog(owner);
        return Optional.ofNullable(dir).map(File::toPath);
    }
}
