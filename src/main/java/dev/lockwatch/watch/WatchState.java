package dev.lockwatch.watch;

import java.time.Instant;

/**
 * What a {@link LockWatchService} is doing, for a status line.
 *
 * @param scanning     true from the moment a full scan is asked for (start, {@code rescan()}, new roots, a root
 *                     that came back, lost watcher events) until it is done; the quiet periodic reconcile does
 *                     not count
 * @param rootsWatched how many roots are being followed live right now (directories under the file watcher,
 *                     and single lock files, which are re-read every {@code rootRetryEvery}); missing or
 *                     unreadable roots are not counted
 * @param lastChange   when the store last changed (the time of its latest event), null before any change
 */
public record WatchState(boolean scanning, int rootsWatched, Instant lastChange) {
}
