package dev.lockwatch.sqlite;

import dev.lockwatch.hold.DatabaseFacts.ReadVia;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The one place that opens an OpenClaw database. It lstats the file and its sidecars first (never opening a
 * symlink, FIFO, device or directory), checks the 100-byte header, reads a WAL database live only when both
 * {@code -wal} and {@code -shm} exist and otherwise reads a private copy, opens with {@code mode=ro} (never the
 * {@code immutable} URI flag, which reads a live WAL database without its WAL) and runs the work in one short
 * transaction on a connection closed right after.
 *
 * <p>Stateless apart from the injected temp root: safe to use from several threads at once.
 */
public final class SafeOpen {
    static final String[] SIDECARS = {"-wal", "-shm", "-journal"};
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int ATTEMPTS = 3;
    private static final long BACKOFF_MS = 100;

    /** What a read does inside the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c, ReadVia via) throws SQLException;
    }

    private final Path tempRoot;

    public SafeOpen() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param tempRoot where private copies of sidecar-less WAL databases are made (and removed again) */
    public SafeOpen(Path tempRoot) {
        this.tempRoot = tempRoot;
    }

    public <T> T read(Path db, Work<T> work) throws DbReadException {
        boolean wal = checkMainFile(db);
        for (String s : SIDECARS) {
            Path side = sibling(db, s);
            BasicFileAttributes a = FileCheck.lstat(side);
            String kind = a == null ? null : FileCheck.notRegularKind(side, a);
            if (kind != null) {
                throw new DbReadException("sidecar " + side.getFileName() + " is not a regular file (" + kind + ")");
            }
        }
        boolean live = !wal || (exists(sibling(db, "-wal")) && exists(sibling(db, "-shm")));
        if (live) {
            return withRetry(db, work, ReadVia.LIVE);
        }
        return readCopy(db, work);
    }

    /** Checks the main file without opening anything that is not regular; true when its header says WAL. */
    static boolean checkMainFile(Path db) throws DbReadException {
        BasicFileAttributes a = FileCheck.lstat(db);
        if (a == null) {
            throw new DbReadException("no such file");
        }
        String kind = FileCheck.notRegularKind(db, a);
        if (kind != null) {
            throw new DbReadException("not a regular file (" + kind + ")");
        }
        if (a.size() == 0) {
            throw new DbReadException("empty file (not a database yet)");
        }
        byte[] header = new byte[100];
        int n = 0;
        try (SeekableByteChannel ch = Files.newByteChannel(db, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.wrap(header);
            while (buf.hasRemaining()) {
                int r = ch.read(buf);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new DbReadException("cannot read header: " + e.getMessage());
        }
        if (n < 100 || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new DbReadException("not an SQLite database");
        }
        return header[18] == 2;
    }

    private <T> T readCopy(Path db, Work<T> work) throws DbReadException {
        Path dir;
        try {
            dir = Files.createTempDirectory(tempRoot, "lockwatch-dbcopy-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new DbReadException("cannot make a private copy: " + e.getMessage());
        }
        try {
            Path copy = dir.resolve(db.getFileName());
            copyRegular(db, copy);
            for (String s : new String[] {"-wal", "-journal"}) {
                if (exists(sibling(db, s))) {
                    copyRegular(sibling(db, s), sibling(copy, s));
                }
            }
            return withRetry(copy, work, ReadVia.COPY);
        } finally {
            deleteTree(dir);
        }
    }

    private static void copyRegular(Path from, Path to) throws DbReadException {
        try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(in, to);
        } catch (IOException e) {
            throw new DbReadException("cannot copy " + from.getFileName() + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(SafeOpen.class).warn("could not remove private copy {}: {}", dir, e.toString());
        }
    }

    private static <T> T withRetry(Path file, Work<T> work, ReadVia via) throws DbReadException {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(file, work, via);
            } catch (SQLException e) {
                int code = e instanceof SQLiteException se ? se.getResultCode().code & 0xff : e.getErrorCode() & 0xff;
                if (code == 5 || code == 6) {
                    if (attempt >= ATTEMPTS) {
                        throw new DbReadException("locked by another process (busy)");
                    }
                    sleep();
                } else if (code == 11 || code == 26) {
                    throw new DbReadException("corrupt: " + DbReadException.oneLine(e.getMessage()));
                } else {
                    throw new DbReadException("unreadable: " + DbReadException.oneLine(e.getMessage()));
                }
            }
        }
    }

    private static <T> T once(Path file, Work<T> work, ReadVia via) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout(500);
        try (Connection c = cfg.createConnection(url(file))) {
            c.setAutoCommit(false);
            try {
                return work.run(c, via);
            } finally {
                c.rollback();
            }
        }
    }

    static String url(Path file) {
        String p = file.toAbsolutePath().normalize().toString()
                .replace("%", "%25").replace("?", "%3f").replace("#", "%23");
        return "jdbc:sqlite:file:" + p + "?mode=ro";
    }

    private static void sleep() throws DbReadException {
        try {
            Thread.sleep(BACKOFF_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbReadException("interrupted");
        }
    }

    static Path sibling(Path db, String suffix) {
        return db.resolveSibling(db.getFileName() + suffix);
    }

    private static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
