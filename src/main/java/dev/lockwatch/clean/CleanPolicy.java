package dev.lockwatch.clean;

import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.Verdict;

/**
 * Which locks a cleanup may remove. Never a {@code live}, {@code unresolved} or {@code unreadable} lock,
 * never one its holder still holds open, whatever the flags.
 *
 * @param includeOrphaned  also remove {@code orphaned} locks
 * @param forceReportOnly  also remove stale locks whose only reasons are the report-only {@code too-old} /
 *                         {@code hold-exceeded}
 */
public record CleanPolicy(boolean includeOrphaned, boolean forceReportOnly) {

    /** Null when the lock may go, else why it stays. */
    public String whyKept(LockReport lock) {
        if (Boolean.TRUE.equals(lock.holder().holdsOpen())) {
            return "its holder (pid " + lock.holder().hostPid() + ") still holds it open";
        }
        switch (lock.verdict()) {
            case LIVE:
                return "live";
            case UNRESOLVED:
                return "unresolved: the holder cannot be told apart, so it is never removed";
            case UNREADABLE:
                return "unreadable (" + lock.error() + "): never touched";
            case ORPHANED:
                if (!includeOrphaned) {
                    return "orphaned: pass --include-orphaned to remove it";
                }
                return lock.removable() ? null : "orphaned but not removable";
            case STALE:
                if (lock.removable()) {
                    return null;
                }
                boolean reportOnly = lock.reasons().stream().allMatch(Reason::reportOnly);
                if (reportOnly && forceReportOnly) {
                    return null;
                }
                return reportOnly ? "stale only by report-only reasons (pass --force-report-only)"
                        : lock.note() != null ? lock.note() : "not removable";
            default:
                throw new IllegalStateException("unknown verdict " + lock.verdict());
        }
    }

    public boolean allows(LockReport lock) {
        return lock.verdict() != Verdict.LIVE && whyKept(lock) == null;
    }
}
