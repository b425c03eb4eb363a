package dev.lockwatch.lock;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A lock file found under a root.
 *
 * @param stamp what the directory walk saw of the file (null when it saw nothing, e.g. a failed visit)
 */
public record LockLocation(Path path, Path root, Stamp stamp) {

    public LockLocation(Path path, Path root) {
        this(path, root, null);
    }

    /** A regular file's mtime and size at discovery: enough to tell that a file read before is unchanged. */
    public record Stamp(Instant modified, long size) {
    }
}
