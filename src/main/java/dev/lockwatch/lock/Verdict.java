package dev.lockwatch.lock;

import java.util.Locale;

/** The judgement of one lock file, most urgent first in {@link #ordinal()} order for sorting. */
public enum Verdict {
    STALE, ORPHANED, UNRESOLVED, UNREADABLE, LIVE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
