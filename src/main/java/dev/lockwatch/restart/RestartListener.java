package dev.lockwatch.restart;

import java.nio.file.Path;

/**
 * Progress of a running restart. Called on the thread that runs the flow; GUI listeners hand the calls to
 * the FX thread themselves.
 */
public interface RestartListener {
    RestartListener NONE = new RestartListener() {
    };

    default void phase(RestartPhase phase, String message) {
    }

    default void released(Path lock, long afterMs) {
    }

    /** About every 100 ms while awaiting release: time left before the timeout. */
    default void remaining(long millis) {
    }
}
