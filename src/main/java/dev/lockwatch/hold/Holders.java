package dev.lockwatch.hold;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.process.ProcessState;
import dev.lockwatch.process.ResolvedHolder;

/** Builds the {@link Holder} a judge reports from what the probe said. */
final class Holders {
    private Holders() {
    }

    static Holder of(ResolvedHolder resolved, Boolean holdsOpen) {
        if (resolved == null || !resolved.alive()) {
            return Holder.NONE;
        }
        String namespace = resolved.kind() == ResolvedHolder.Kind.NESTED ? "nested" : "same";
        return of(resolved.hostPid(), namespace, resolved.state(), holdsOpen);
    }

    static Holder of(long hostPid, String namespace, ProcessState state, Boolean holdsOpen) {
        if (!state.alive()) {
            return Holder.NONE;
        }
        return new Holder(true, hostPid, namespace, state.starttime(), state.command(), holdsOpen, state.uid());
    }
}
