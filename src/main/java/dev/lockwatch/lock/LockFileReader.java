package dev.lockwatch.lock;

import dev.lockwatch.process.FileIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Reads lock files without trusting them: the type is checked without opening (no symlink is followed,
 * no FIFO, device or directory is opened on purpose), at most {@link #MAX_BYTES} are read, and a file that
 * vanishes is reported as gone. A file swapped for a FIFO between that check and {@code open(2)} would block the
 * open (Java cannot pass {@code O_NONBLOCK}): every read is bounded by {@link BoundedIo}, and a channel that turns
 * out not to be seekable (a FIFO) is never read. Stateless and thread-safe.
 */
public final class LockFileReader {
    public static final int MAX_BYTES = 64 * 1024;

    private LockFileReader() {
    }

    /** Reads one lock file; returns within about {@link BoundedIo#limit()} whatever sits at {@code path}. */
    public static LockRead read(Path path) {
        return readAll(List.of(path)).get(0);
    }

    /** Reads lock files in order, each bounded as {@link #read} is, with one thread hand-off for the whole batch. */
    public static List<LockRead> readAll(List<Path> paths) {
        return BoundedIo.each(paths, LockFileReader::readNow, LockFileReader::givenUp);
    }

    private static LockRead givenUp(Path path, String why) {
        boolean regular = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
        return new LockRead.Unreadable(regular ? Reason.READ_ERROR : Reason.NOT_REGULAR_FILE, why);
    }

    /** The read itself, unbounded: only ever called through {@link BoundedIo}. */
    private static LockRead readNow(Path path) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return new LockRead.Gone();
        } catch (IOException e) {
            return new LockRead.Unreadable(Reason.READ_ERROR, describe(e));
        }
        if (!attrs.isRegularFile()) {
            return new LockRead.Unreadable(Reason.NOT_REGULAR_FILE, "not a regular file: " + kind(attrs));
        }
        if (attrs.size() > MAX_BYTES) {
            return new LockRead.Unreadable(Reason.TOO_LARGE, "file is " + attrs.size() + " bytes; locks are read up to " + MAX_BYTES);
        }
        try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             InputStream in = Channels.newInputStream(channel)) {
            try {
                channel.position(); // lseek(2): a FIFO swapped in after the check fails here (ESPIPE), before any read
            } catch (IOException e) {
                return new LockRead.Unreadable(Reason.NOT_REGULAR_FILE, "not a regular file: replaced while being opened");
            }
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return new LockRead.Unreadable(Reason.TOO_LARGE, "file grew beyond " + MAX_BYTES + " bytes while being read");
            }
            FileIdentity identity = FileIdentity.of(path, LinkOption.NOFOLLOW_LINKS);
            return new LockRead.Content(bytes, attrs.lastModifiedTime().toInstant(), identity);
        } catch (NoSuchFileException e) {
            return new LockRead.Gone();
        } catch (IOException e) {
            return new LockRead.Unreadable(Reason.READ_ERROR, describe(e));
        }
    }

    private static String kind(BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return "symbolic link (not followed)";
        }
        if (attrs.isDirectory()) {
            return "directory";
        }
        return "FIFO, socket or device";
    }

    static String describe(IOException e) {
        String name = e.getClass().getSimpleName().replace("Exception", "");
        String reason = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return reason == null ? name : reason;
    }
}
