package dev.lockwatch.watch;

import java.time.Duration;

/**
 * The timers of a {@link LockWatchService}.
 *
 * @param reconcileEvery how often every root is rescanned and the store made equal to the disk, whatever the
 *                       file watcher reported (the safety net against lost events)
 * @param rejudgeEvery   how often every stored lock is judged again from what was read before, without
 *                       reading it again: ages cross the stale threshold and holders die without file events
 * @param rootRetryEvery how often the roots themselves are checked: a root that disappeared, reappeared or
 *                       was replaced is noticed within this time, and single-file roots are re-read
 */
public record WatchSettings(Duration reconcileEvery, Duration rejudgeEvery, Duration rootRetryEvery) {
    public static final WatchSettings DEFAULTS = new WatchSettings(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5));

    public WatchSettings {
        requirePositive(reconcileEvery, "reconcileEvery");
        requirePositive(rejudgeEvery, "rejudgeEvery");
        requirePositive(rootRetryEvery, "rootRetryEvery");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
