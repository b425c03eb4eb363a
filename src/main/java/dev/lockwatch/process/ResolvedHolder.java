package dev.lockwatch.process;

/**
 * The process a lock's pid really names, as seen from this host.
 *
 * @param kind    how the pid was resolved
 * @param hostPid the pid on this host, null when dead or ambiguous
 * @param state   the process state, {@link ProcessState#DEAD} when dead or ambiguous
 */
public record ResolvedHolder(Kind kind, Long hostPid, ProcessState state) {

    public enum Kind {
        /** The pid names a process in our own pid namespace. */
        SAME,
        /** The pid is a container's pid; hostPid is the same process seen from the host. */
        NESTED,
        /** Several processes could be the holder and nothing tells them apart. */
        AMBIGUOUS,
        /** No process has that pid (or it is beyond the platform's range, or a zombie). */
        DEAD
    }

    static ResolvedHolder dead() {
        return new ResolvedHolder(Kind.DEAD, null, ProcessState.DEAD);
    }

    public boolean alive() {
        return state.alive();
    }
}
