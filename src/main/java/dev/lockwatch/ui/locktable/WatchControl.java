package dev.lockwatch.ui.locktable;

import java.nio.file.Path;
import java.util.List;

/** What the table may ask of the watcher. Implementations return at once and do their I/O elsewhere. */
public interface WatchControl {
    void rescan();

    void setRoots(List<Path> roots);
}
