package dev.lockwatch.clean;

import dev.lockwatch.lock.LockReport;

/**
 * What happened to one lock a cleanup considered.
 *
 * @param lock    the lock as judged when the cleanup planned it
 * @param outcome what was done
 * @param detail  a one-line explanation
 */
public record Removal(LockReport lock, Outcome outcome, String detail) {
    public enum Outcome {
        /** Deleted: its content was byte-identical to what was judged and the verdict still allowed it. */
        REMOVED,
        /** A dry run: would have been removed. */
        WOULD_REMOVE,
        /** Kept on purpose: live, unresolved, unreadable, held open, report-only, or orphaned without the flag. */
        KEPT,
        /** Not removed because it changed (or vanished) between judging and removal. */
        CHANGED,
        /** The removal failed (permissions, I/O); the file is where it was. */
        FAILED
    }

    public String word() {
        return outcome.name().toLowerCase().replace('_', '-');
    }
}
