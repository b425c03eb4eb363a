package dev.lockwatch.process;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only facts about processes. Implementations never signal anything and never block for long:
 * every answer comes from a cheap system query ({@code /proc} on Linux, {@link ProcessHandle} elsewhere).
 *
 * <p>Thread-safety: implementations are safe to call from any thread.
 */
public interface ProcessProbe {

    /** The largest pid this platform can hand out; a larger pid in a lock is simply dead. */
    long maxPid();

    /** State of {@code pid}; {@link ProcessState#DEAD} for a pid that does not exist or is a zombie. */
    ProcessState state(long pid);

    /**
     * The files {@code pid} holds open (those with a path: sockets, pipes and anonymous inodes are left out,
     * no lock is one), or null where that cannot be read (another user's process, or a platform without
     * {@code /proc}).
     */
    Set<FileIdentity> openFiles(long pid);

    /**
     * Every process that lives in a nested pid namespace, as innermost pid -> host pids (Linux
     * {@code NSpid:} lines with more than one entry); empty where the platform has no pid namespaces.
     */
    Map<Long, List<Long>> nestedPidIndex();

    /** Host pids of processes in a nested pid namespace whose innermost pid is {@code innerPid}. */
    default List<Long> nestedProcesses(long innerPid) {
        return nestedPidIndex().getOrDefault(innerPid, List.of());
    }

    /**
     * Every other process that holds the file {@code identity} open, as far as this user can see ({@code /proc/<pid>/fd}
     * of other users' processes is readable only as root); Lockwatch's own pid is left out. Null where open files
     * cannot be listed at all (a platform without {@code /proc}).
     */
    default Set<Long> holdersOf(FileIdentity identity) {
        return null;
    }

    /** A probe that answers each question once and then from memory: use one per scan, never longer. */
    default ProcessProbe snapshot() {
        return new SnapshotProbe(this);
    }

    /**
     * A snapshot for the periodic re-judging of what is shown: whether a process lives and its starttime are
     * read fresh, but its command line and uid may be the ones read up to a few seconds ago for the same pid
     * and starttime (they rarely change, and reading them for every holder every 2 s was most of the watcher's
     * idle cost). Never use it to verify a process before acting on it: signals and removals use
     * {@link #snapshot()}.
     */
    default ProcessProbe displaySnapshot() {
        return snapshot();
    }
}
