package dev.lockwatch.lock;

import java.util.Locale;

/** Formats lock ages as operators read them: {@code 45s}, {@code 12m03s}, {@code 2h05m07s}, {@code 3d04h}. */
public final class Ages {
    private Ages() {
    }

    /** The age, or {@code -} for an unknown (null or negative) age. */
    public static String format(Long millis) {
        if (millis == null || millis < 0) {
            return "-";
        }
        long s = millis / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
    }

    /** From this age on, {@link #glance} shows whole minutes (or hours) and no seconds. */
    public static final long WHOLE_MINUTES_FROM_MS = 600_000;

    /**
     * The age for a live table, at the precision an operator reads at a glance ({@code 45s}, {@code 5m07s},
     * {@code 45m}, {@code 3h05m}, {@code 3d04h}): seconds only while they matter (under 10 minutes), so an idle
     * table of older locks changes once a minute, not every second. {@code -} for an unknown age.
     */
    public static String glance(Long millis) {
        if (millis == null || millis < 0) {
            return "-";
        }
        long s = millis / 1000;
        if (s < 120) {
            return s + "s";
        }
        if (millis < WHOLE_MINUTES_FROM_MS) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 3600) {
            return (s / 60) + "m";
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
    }
}
