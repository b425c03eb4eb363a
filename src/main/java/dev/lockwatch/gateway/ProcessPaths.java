package dev.lockwatch.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import dev.lockwatch.lock.BoundedIo;

/**
 * Paths as a process sees them: a gateway in a container names files inside its own mount namespace, which Linux
 * shows to the host under {@code /proc/<host-pid>/root}; a relative path is relative to {@code /proc/<pid>/cwd}.
 */
final class ProcessPaths {
    private static final Path PROC = Path.of("/proc");

    private ProcessPaths() {
    }

    /**
     * {@code path} as process {@code hostPid} sees it, or null when it cannot be mapped.
     *
     * @param hostPid the process on this host, null when unknown (then only absolute paths are used, as they are)
     * @param nested  the process lives in another pid namespace (a container): absolute paths go through its root
     */
    static Path resolve(String path, Long hostPid, boolean nested) {
        if (path == null || path.isBlank() || path.indexOf('\0') >= 0) {
            return null;
        }
        Path given;
        try {
            given = Path.of(path);
        } catch (InvalidPathException e) {
            return null;
        }
        if (given.isAbsolute()) {
            if (nested && hostPid != null && Files.isDirectory(PROC.resolve(hostPid.toString()))) {
                return PROC.resolve(hostPid.toString()).resolve("root").resolve(given.getRoot().relativize(given).toString());
            }
            return given;
        }
        if (hostPid != null && Files.isDirectory(PROC.resolve(hostPid.toString()))) {
            return PROC.resolve(hostPid.toString()).resolve("cwd").resolve(given);
        }
        return null;
    }

    /**
     * At most {@code limit} bytes of a regular file (links followed: installs and configs are often symlinked). The
     * path comes from a gateway lock or a process's command line, which other users may control: a FIFO swapped in
     * after the check must not hang Lockwatch, so the read is bounded ({@link BoundedIo}) and a channel that cannot
     * seek (a FIFO) is never read.
     */
    static byte[] readSmall(Path file, int limit) throws IOException {
        return BoundedIo.one(file, f -> readSmallNow(f, limit));
    }

    private static byte[] readSmallNow(Path file, int limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a regular file");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(channel)) {
            channel.position(); // a FIFO fails here (ESPIPE), before any read
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IOException("larger than " + limit + " bytes");
            }
            return bytes;
        }
    }
}
