package dev.lockwatch.app;

import dev.lockwatch.ui.settings.LockwatchSettings;
import dev.lockwatch.ui.settings.SettingsStorage;
import dev.lockwatch.ui.settings.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings in {@link java.util.prefs.Preferences} (per user). Writes are handed to {@code io} so the FX
 * thread never waits for the disk; a damaged value falls back to its default.
 */
public final class PreferencesStorage implements SettingsStorage {
    private static final Logger LOG = LoggerFactory.getLogger(PreferencesStorage.class);
    private static final String ROOTS = "roots";
    private static final String STALE_AFTER_MS = "staleAfterMs";
    private static final String THEME = "theme";
    private static final String SEPARATOR = "\n";

    private final Preferences node;
    private final Executor io;

    public PreferencesStorage(Preferences node, Executor io) {
        this.node = node;
        this.io = io;
    }

    public static Preferences userNode() {
        return Preferences.userRoot().node("dev/lockwatch");
    }

    @Override
    public LockwatchSettings load() {
        String roots = node.get(ROOTS, null);
        List<Path> rootList = roots == null ? null
                : Arrays.stream(roots.split(SEPARATOR)).filter(s -> !s.isBlank()).map(Path::of).toList();
        long staleMs = node.getLong(STALE_AFTER_MS, Duration.ofMinutes(30).toMillis());
        Theme theme;
        try {
            theme = Theme.valueOf(node.get(THEME, Theme.LIGHT.name()));
        } catch (IllegalArgumentException e) {
            theme = Theme.LIGHT;
        }
        return new LockwatchSettings(rootList, Duration.ofMillis(staleMs > 0 ? staleMs : Duration.ofMinutes(30).toMillis()), theme);
    }

    @Override
    public void save(LockwatchSettings settings) {
        String roots = String.join(SEPARATOR, settings.roots().stream().map(Path::toString).toList());
        io.execute(() -> {
            try {
                node.put(ROOTS, roots);
                node.putLong(STALE_AFTER_MS, settings.staleAfter().toMillis());
                node.put(THEME, settings.theme().name());
                node.flush();
            } catch (BackingStoreException | RuntimeException e) {
                LOG.warn("could not save settings: {}", e.toString());
            }
        });
    }
}
