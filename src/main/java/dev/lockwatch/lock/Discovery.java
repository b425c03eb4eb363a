package dev.lockwatch.lock;

import java.nio.file.Path;
import java.util.List;

/**
 * The lock files found under some roots.
 *
 * @param roots         the roots as walked (absolute, symlinks of the root itself resolved)
 * @param readableRoots how many roots could be read at all
 * @param locks         every {@code *.jsonl.lock} entry found, whatever its type
 * @param errors        roots and directories that could not be read
 */
public record Discovery(List<Path> roots, int readableRoots, List<LockLocation> locks, List<RootError> errors) {
    public Discovery {
        roots = List.copyOf(roots);
        locks = List.copyOf(locks);
        errors = List.copyOf(errors);
    }
}
