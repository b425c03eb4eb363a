package dev.lockwatch.report;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One lock event as the window saw it.
 *
 * @param at      when the store changed
 * @param event   {@code added}, {@code changed} or {@code removed}
 * @param path    the lock file
 * @param verdict the verdict after the event, null for {@code removed}
 * @param reasons the reasons after the event, empty for {@code removed}
 */
public record TimelineEntry(Instant at, String event, Path path, String verdict, java.util.List<String> reasons) {
    public TimelineEntry {
        reasons = java.util.List.copyOf(reasons);
    }
}
