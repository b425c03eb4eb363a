package dev.lockwatch.ui.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The watched roots, the stale threshold and the theme, remembered across runs. FX thread only.
 * Every command saves the settings and tells the watcher what changed.
 */
public final class SettingsViewModel {
    private final ObservableList<Path> roots = FXCollections.observableArrayList();
    private final ObservableList<Path> rootsView = FXCollections.unmodifiableObservableList(roots);
    private final ReadOnlyObjectWrapper<Duration> staleAfter;
    private final ReadOnlyObjectWrapper<Theme> theme;
    private final SettingsStorage storage;
    private final Consumer<List<Path>> rootsChanged;
    private final Consumer<Duration> staleAfterChanged;
    private final List<Path> lookedAt;

    /**
     * @param defaultRoots the roots to use when the user never chose any (OpenClaw's state dirs that exist)
     * @param lookedAt     every place the defaults were looked for, for the empty state
     */
    public SettingsViewModel(SettingsStorage storage, List<Path> defaultRoots, List<Path> lookedAt,
                             Consumer<List<Path>> rootsChanged, Consumer<Duration> staleAfterChanged) {
        this.storage = storage;
        this.rootsChanged = rootsChanged;
        this.staleAfterChanged = staleAfterChanged;
        this.lookedAt = List.copyOf(lookedAt);
        LockwatchSettings saved = storage.load();
        roots.setAll(saved.roots() == null ? defaultRoots : saved.roots());
        staleAfter = new ReadOnlyObjectWrapper<>(saved.staleAfter());
        theme = new ReadOnlyObjectWrapper<>(saved.theme());
    }

    public void addRoot(Path root) {
        Path normalized = root.toAbsolutePath().normalize();
        if (!roots.contains(normalized)) {
            roots.add(normalized);
            rootsChanged.accept(List.copyOf(roots));
            save();
        }
    }

    public void removeRoot(Path root) {
        if (roots.remove(root)) {
            rootsChanged.accept(List.copyOf(roots));
            save();
        }
    }

    public void setStaleAfter(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the stale threshold must be positive");
        }
        if (!value.equals(staleAfter.get())) {
            staleAfter.set(value);
            staleAfterChanged.accept(value);
            save();
        }
    }

    public void setTheme(Theme value) {
        if (value != theme.get()) {
            theme.set(value);
            save();
        }
    }

    public void toggleTheme() {
        setTheme(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    private void save() {
        storage.save(new LockwatchSettings(List.copyOf(roots), staleAfter.get(), theme.get()));
    }

    public ObservableList<Path> roots() {
        return rootsView;
    }

    public BooleanBinding noRoots() {
        return Bindings.isEmpty(roots);
    }

    public List<Path> lookedAt() {
        return lookedAt;
    }

    public ReadOnlyObjectProperty<Duration> staleAfterProperty() {
        return staleAfter.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }
}
