package dev.lockwatch.ui.settings;

/** The window's colour scheme. */
public enum Theme {
    LIGHT, DARK
}
