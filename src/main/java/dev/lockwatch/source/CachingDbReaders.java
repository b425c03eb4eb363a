package dev.lockwatch.source;

import dev.lockwatch.hold.AgentDbRead;
import dev.lockwatch.hold.StateDbRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads a database again only when it, its {@code -wal} or its {@code -shm} changed (size, mtime, inode), and
 * otherwise hands back the rows of the last read for judging again: a watcher that polls twice a second then opens
 * an idle gateway's database only when the gateway wrote to it, and never copies a large sidecar-less DB over and
 * over. Thread-safe; one entry per database path.
 */
public final class CachingDbReaders implements DbReaders {
    static final long SETTLE_MS = 1000;

    private final DbReaders delegate;
    private final Map<Path, Cached<?>> cache = new ConcurrentHashMap<>();

    public CachingDbReaders(DbReaders delegate) {
        this.delegate = delegate;
    }

    @Override
    public StateDbRead readState(Path stateDb) {
        return cached(stateDb, () -> delegate.readState(stateDb));
    }

    @Override
    public AgentDbRead readAgent(Path agentDb, String agentId) {
        return cached(agentDb, () -> delegate.readAgent(agentDb, agentId));
    }

    @Override
    public List<AgentDb> agentDbs(Path stateDir, StateDbRead state) {
        return delegate.agentDbs(stateDir, state);
    }

    private record Cached<T>(List<Object> stamp, T read) {
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Path db, Supplier<T> read) {
        List<Object> stamp = stamp(db);
        Cached<?> previous = cache.get(db);
        if (stamp != null && previous != null && previous.stamp().equals(stamp)) {
            return (T) previous.read();
        }
        T fresh = read.get();
        // reused only when unchanged while reading and last written over a second ago: a later write within the
        // file system's coarse mtime tick could otherwise keep the same stamp
        if (stamp != null && stamp.equals(stamp(db)) && settled(db)) {
            cache.put(db, new Cached<>(stamp, fresh));
        } else {
            cache.remove(db);
        }
        return fresh;
    }

    private static boolean settled(Path db) {
        long newest = 0;
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            try {
                newest = Math.max(newest, Files.getLastModifiedTime(Path.of(db + suffix), LinkOption.NOFOLLOW_LINKS).toMillis());
            } catch (IOException e) {
                // absent sidecar
            }
        }
        return newest < System.currentTimeMillis() - SETTLE_MS;
    }

    /** Size, mtime and inode of the DB and each sidecar (absent ones as such); null when the DB cannot be stat'ed. */
    private static List<Object> stamp(Path db) {
        try {
            return List.of(attrs(db), sidecar(db, "-wal"), sidecar(db, "-shm"), sidecar(db, "-journal"));
        } catch (IOException e) {
            return null;
        }
    }

    private static Object sidecar(Path db, String suffix) {
        try {
            return attrs(Path.of(db + suffix));
        } catch (IOException e) {
            return "absent";
        }
    }

    private static List<Object> attrs(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()), a.isRegularFile());
    }
}
