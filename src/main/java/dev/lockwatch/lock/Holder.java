package dev.lockwatch.lock;

/**
 * The process behind a lock as Lockwatch found it.
 *
 * @param alive        whether the holder is alive
 * @param hostPid      its pid on this host (differs from the lock's pid for a container), null when dead
 * @param pidNamespace {@code "same"} or {@code "nested"}, null when dead or ambiguous
 * @param starttime    its starttime as the OS reports it, null when unknown
 * @param command      its command line, null when unreadable
 * @param holdsOpen    whether it holds the lock file open, null when that cannot be read
 * @param uid          its real uid, null when unknown
 */
public record Holder(boolean alive, Long hostPid, String pidNamespace, Long starttime, String command, Boolean holdsOpen,
                     Integer uid) {
    public static final Holder NONE = new Holder(false, null, null, null, null, null, null);
}
