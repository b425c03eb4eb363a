package dev.lockwatch.ui.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What Lockwatch remembers across runs.
 *
 * @param roots      the folders watched; null when the user never chose (then OpenClaw's default state dirs)
 * @param staleAfter the stale threshold
 * @param theme      light or dark
 */
public record LockwatchSettings(List<Path> roots, Duration staleAfter, Theme theme) {
    public LockwatchSettings {
        roots = roots == null ? null : List.copyOf(roots);
    }
}
