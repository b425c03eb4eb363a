package dev.lockwatch.lock;

import java.nio.file.Path;

/** A root or directory that could not be read, with a one-line cause. */
public record RootError(Path path, String error) {
}
