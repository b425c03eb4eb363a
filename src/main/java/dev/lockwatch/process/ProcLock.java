package dev.lockwatch.process;

/**
 * One line of {@code /proc/locks}: {@code 1: POSIX  ADVISORY  WRITE 4711 fe:00:2146368 120 120}.
 *
 * @param ordinal   the line's number as the kernel prints it
 * @param blocked   a waiter ({@code 1: -> POSIX ...}): it wants the lock, it does not hold it
 * @param lockClass {@code POSIX}, {@code FLOCK}, {@code OFDLCK}, {@code LEASE}, {@code DELEG}, ... as printed
 * @param pid       the owner's pid in Lockwatch's pid namespace; -1 for OFD locks (owned by an open file, not a process)
 * @param major     the file system's device major number
 * @param minor     its minor number
 * @param inode     the file's inode
 * @param start     the first byte locked
 * @param end       the last byte locked, inclusive; null for {@code EOF} (to the end of the file and beyond)
 */
public record ProcLock(long ordinal, boolean blocked, String lockClass, Mode mode, long pid, int major, int minor, long inode,
                       long start, Long end) {

    public enum Mode {
        READ, WRITE
    }

    /** The file this lock is on, as {@link FileIdentity#of} would say it ({@code unix:dev} is glibc's {@code st_dev}). */
    public FileIdentity identity() {
        return new FileIdentity(ProcLocks.device(major, minor), inode);
    }

    /** Whether the locked range contains byte {@code offset}. */
    public boolean covers(long offset) {
        return start <= offset && (end == null || offset <= end);
    }

    /** Held (not a waiter) and exclusive. */
    public boolean heldForWriting() {
        return !blocked && mode == Mode.WRITE;
    }

    /** A byte-range lock ({@code fcntl}: POSIX or OFD), the kind SQLite takes; flock and leases cover the whole file. */
    public boolean byteRange() {
        return lockClass.equals("POSIX") || lockClass.equals("OFDLCK");
    }
}
