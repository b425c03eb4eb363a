package dev.lockwatch.watch;

import dev.lockwatch.lock.LockReport;
import java.nio.file.Path;
import java.time.Instant;

/** A change in the {@link LockStore}: what the table, {@code watch --json} and the restart flow react to. */
public sealed interface LockEvent {
    Path path();

    Instant at();

    record Added(LockReport lock, Instant at) implements LockEvent {
        @Override
        public Path path() {
            return lock.path();
        }
    }

    record Changed(LockReport lock, Instant at) implements LockEvent {
        @Override
        public Path path() {
            return lock.path();
        }
    }

    record Removed(Path path, Instant at) implements LockEvent {
    }
}
