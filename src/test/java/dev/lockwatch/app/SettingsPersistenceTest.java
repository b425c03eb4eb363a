package dev.lockwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockwatch.ui.settings.SettingsViewModel;
import dev.lockwatch.ui.settings.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Roots, threshold and theme survive a restart (real java.util.prefs, a throwaway node). */
class SettingsPersistenceTest {
    private final Preferences node = Preferences.userRoot().node("dev/lockwatch-test-" + System.nanoTime());

    @AfterEach
    void cleanUp() throws Exception {
        node.removeNode();
    }

    private SettingsViewModel open(List<List<Path>> rootChanges, List<Duration> thresholdChanges) {
        return new SettingsViewModel(new PreferencesStorage(node, Runnable::run), List.of(Path.of("/default/.openclaw")),
                List.of(Path.of("/default/.openclaw")), rootChanges::add, thresholdChanges::add);
    }

    @Test
    void settingsAreRememberedAcrossRuns() {
        List<List<Path>> rootChanges = new ArrayList<>();
        List<Duration> thresholds = new ArrayList<>();
        SettingsViewModel first = open(rootChanges, thresholds);
        assertThat(first.roots()).containsExactly(Path.of("/default/.openclaw"));
        first.addRoot(Path.of("/srv/openclaw/state"));
        first.addRoot(Path.of("/srv/openclaw/state")); // twice is once
        first.removeRoot(Path.of("/default/.openclaw"));
        first.setStaleAfter(Duration.ofMinutes(10));
        first.toggleTheme();
        assertThat(rootChanges).hasSize(2);
        assertThat(rootChanges.get(1)).containsExactly(Path.of("/srv/openclaw/state"));
        assertThat(thresholds).containsExactly(Duration.ofMinutes(10));

        SettingsViewModel second = open(new ArrayList<>(), new ArrayList<>());
        assertThat(second.roots()).containsExactly(Path.of("/srv/openclaw/state"));
        assertThat(second.staleAfterProperty().get()).isEqualTo(Duration.ofMinutes(10));
        assertThat(second.themeProperty().get()).isEqualTo(Theme.DARK);
    }

    @Test
    void removingEveryRootIsRememberedAsNoRoots() {
        SettingsViewModel first = open(new ArrayList<>(), new ArrayList<>());
        first.removeRoot(Path.of("/default/.openclaw"));
        assertThat(open(new ArrayList<>(), new ArrayList<>()).roots()).isEmpty();
    }

    @Test
    void rejectsANonPositiveThreshold() {
        assertThatThrownBy(() -> open(new ArrayList<>(), new ArrayList<>()).setStaleAfter(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
