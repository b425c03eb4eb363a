package dev.lockwatch.watch;

import dev.lockwatch.hold.Hold;
import dev.lockwatch.hold.HoldKind;
import java.time.Instant;

/** A change among the 2026.8+ holds of the {@link LockStore}: what {@code watch --json} prints for them. */
public sealed interface HoldEvent {
    String id();

    HoldKind kind();

    Instant at();

    /** A hold that is new ({@code added}) or says something else than before. */
    record Put(Hold hold, boolean added, Instant at) implements HoldEvent {
        @Override
        public String id() {
            return hold.id();
        }

        @Override
        public HoldKind kind() {
            return hold.kind();
        }
    }

    record Gone(String id, HoldKind kind, Instant at) implements HoldEvent {
    }
}
