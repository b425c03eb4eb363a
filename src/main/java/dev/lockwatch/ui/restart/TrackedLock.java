package dev.lockwatch.ui.restart;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One lock the restart waits for; its state ticks from "held" to "released after N ms" (FX thread only). */
public final class TrackedLock {
    private final Path path;
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("held");

    TrackedLock(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public String session() {
        return dev.lockwatch.lock.LockReport.sessionOf(path);
    }

    void state(String text) {
        state.set(text);
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }
}
