package dev.lockwatch.ui.settings;

/** Loads and saves settings; {@link #save} must return at once and do its I/O off the calling thread. */
public interface SettingsStorage {
    LockwatchSettings load();

    void save(LockwatchSettings settings);
}
