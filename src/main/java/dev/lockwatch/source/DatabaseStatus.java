package dev.lockwatch.source;

import dev.lockwatch.hold.DatabaseFacts;
import java.util.List;

/**
 * One OpenClaw database as the operator needs to see it: what its read found, plus who holds SQLite locks on
 * it now, seen in {@code /proc/locks} without opening anything.
 *
 * @param lockHolders     every pid with a lock on the DB file or its {@code -shm}, readers included; empty when none
 *                        or unknown
 * @param writeLockHolder the pid holding the write lock, null when nobody does or it is unknown
 * @param walWarning      true when the {@code -wal} is over {@link #WAL_WARNING_BYTES} (the gateway truncates above
 *                        that; OpenClaw issue 143524: WAL growth blocking start-up)
 */
public record DatabaseStatus(DatabaseFacts facts, List<Long> lockHolders, Long writeLockHolder, boolean walWarning) {
    public static final long WAL_WARNING_BYTES = 64L * 1024 * 1024;

    public DatabaseStatus {
        lockHolders = List.copyOf(lockHolders);
    }
}
