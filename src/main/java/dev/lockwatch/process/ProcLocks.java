package dev.lockwatch.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file locks of {@code /proc/locks}, and who holds SQLite's locks on a database without opening it (opening a
 * coordinator, even to read, can make OpenClaw's {@code BEGIN EXCLUSIVE} fail). SQLite (unix VFS) takes POSIX
 * {@code fcntl} locks: in WAL mode the write lock is an exclusive lock on byte 120 of the {@code -shm} file
 * ({@code WAL_WRITE_LOCK}; 121 checkpoint, 122 recover, 123..127 read marks, which readers hold shared); in rollback
 * mode the pending byte is 0x40000000, the reserved byte the one after it, and the shared range the 510 after
 * that (an EXCLUSIVE lock holds pending and the whole shared range for writing). Immutable.
 */
public final class ProcLocks {
    /** SQLite's {@code PENDING_BYTE}, where its rollback-mode locks start (and OpenClaw's coordinators are held). */
    public static final long PENDING_BYTE = 0x40000000L;
    public static final long RESERVED_BYTE = PENDING_BYTE + 1;
    public static final long SHARED_FIRST = PENDING_BYTE + 2;
    public static final long SHARED_LAST = SHARED_FIRST + 509;
    /** {@code WALINDEX_LOCK_OFFSET}: the WAL write lock's byte in the {@code -shm} file. */
    public static final long WAL_WRITE_LOCK_BYTE = 120;

    /** Text beyond this is not parsed (some 15,000 locks); a line cut there is dropped. */
    static final int MAX_CHARS = 1 << 20;

    private static final Path PROC_LOCKS = Path.of("/proc/locks");
    private static final Pattern LINE = Pattern.compile(
            "\\s*(\\d{1,18}):\\s+(->\\s+)?([A-Z]{1,16})\\s+([A-Z]{1,16})\\s+(READ|WRITE)\\s+(-1|\\d{1,10})\\s+"
                    + "([0-9a-f]{1,8}):([0-9a-f]{1,8}):(\\d{1,20})\\s+(\\d{1,20})\\s+(EOF|\\d{1,20})\\s*");

    private final List<ProcLock> locks;

    private ProcLocks(List<ProcLock> locks) {
        this.locks = List.copyOf(locks);
    }

    /** The locks in {@code text} (the format of {@code /proc/locks}); malformed lines, and modes other than READ and WRITE
     * (a breaking lease's {@code UNLCK}), are skipped. Never throws; null is no locks. */
    public static ProcLocks parse(String text) {
        List<ProcLock> locks = new ArrayList<>();
        if (text == null) {
            return new ProcLocks(locks);
        }
        String bounded = text.length() > MAX_CHARS ? text.substring(0, text.lastIndexOf('\n', MAX_CHARS) + 1) : text;
        Matcher m = LINE.matcher("");
        for (String line : bounded.split("\n", -1)) {
            if (line.length() <= 200 && m.reset(line).matches()) {
                ProcLock lock = lock(m);
                if (lock != null) {
                    locks.add(lock);
                }
            }
        }
        return new ProcLocks(locks);
    }

    /** The locks now held on this host, or null where there is no readable {@code /proc/locks}. Bounded, never throws. */
    public static ProcLocks read() {
        if (!Files.isReadable(PROC_LOCKS)) {
            return null;
        }
        try {
            String text = ProcFiles.text(PROC_LOCKS);
            // a read cut at the limit ends mid-line: drop that line
            return parse(text.endsWith("\n") ? text : text.substring(0, text.lastIndexOf('\n') + 1));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ProcLock lock(Matcher m) {
        try {
            long ordinal = Long.parseLong(m.group(1));
            long pid = Long.parseLong(m.group(6));
            int major = Integer.parseUnsignedInt(m.group(7), 16);
            int minor = Integer.parseUnsignedInt(m.group(8), 16);
            long inode = Long.parseUnsignedLong(m.group(9));
            long start = Long.parseLong(m.group(10));
            Long end = m.group(11).equals("EOF") ? null : Long.parseLong(m.group(11));
            if (major > 0xfffff || end != null && end < start) {
                return null;
            }
            return new ProcLock(ordinal, m.group(2) != null, m.group(3), ProcLock.Mode.valueOf(m.group(5)), pid, major,
                    minor, inode, start, end);
        } catch (NumberFormatException e) {
            return null; // beyond a long
        }
    }

    /**
     * Java's {@code unix:dev} for a device number: glibc's {@code makedev}, which for majors below 4096 equals the
     * kernel's {@code new_encode_dev}: {@code (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12)}.
     */
    public static long device(int major, int minor) {
        long maj = major & 0xffffffffL;
        long min = minor & 0xffffffffL;
        return ((maj & 0xfffff000L) << 32) | ((maj & 0xfffL) << 8) | ((min & 0xffffff00L) << 12) | (min & 0xffL);
    }

    public List<ProcLock> locks() {
        return locks;
    }

    /** The locks on {@code file}, waiters included. */
    public List<ProcLock> on(FileIdentity file) {
        return file == null ? List.of() : locks.stream().filter(l -> l.identity().equals(file)).toList();
    }

    /** The pids holding any lock on {@code file} (waiters and OFD locks, which have no pid, left out), ascending. */
    public Set<Long> holders(FileIdentity file) {
        Set<Long> pids = new TreeSet<>();
        on(file).stream().filter(l -> !l.blocked() && l.pid() > 0).forEach(l -> pids.add(l.pid()));
        return pids;
    }

    /**
     * The pid holding SQLite's write lock on a database: in WAL mode ({@code shm} given) an exclusive lock on byte 120
     * of the {@code -shm} file; in either mode a RESERVED, PENDING or EXCLUSIVE lock on {@code db} (byte-range locks only:
     * a flock is never SQLite's). Null when nobody
     * holds one; -1 when an OFD lock does (no pid to name).
     */
    public Long writeLockHolder(FileIdentity db, FileIdentity shm) {
        for (ProcLock l : on(shm)) {
            if (l.byteRange() && l.heldForWriting() && l.covers(WAL_WRITE_LOCK_BYTE)) {
                return l.pid();
            }
        }
        for (ProcLock l : on(db)) {
            if (l.byteRange() && l.heldForWriting() && (l.covers(RESERVED_BYTE) || l.covers(PENDING_BYTE) || l.covers(SHARED_FIRST))) {
                return l.pid();
            }
        }
        return null;
    }

    /**
     * The pid holding an OpenClaw coordinator ({@code *.lock.sqlite}, or a gateway lock's {@code <lock>.sqlite}): a
     * POSIX write lock from SQLite's pending byte. Null when nobody does.
     */
    public Long coordinatorHolder(FileIdentity lockSqlite) {
        for (ProcLock l : on(lockSqlite)) {
            if (l.byteRange() && l.heldForWriting() && l.covers(PENDING_BYTE)) {
                return l.pid();
            }
        }
        return null;
    }
}
