package dev.lockwatch.lock;

import java.nio.file.Path;

/** A lock file found under a root. */
public record LockLocation(Path path, Path root) {
}
