package dev.lockwatch.lock;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds lock files: every entry named {@code *.jsonl.lock} below a root. Symlinked directories are never
 * followed (so loops are impossible); a root that is itself a symlink is resolved once. A root may also be a
 * single lock file. Stateless and thread-safe.
 */
public final class LockDiscovery {
    private LockDiscovery() {
    }

    public static boolean isLockName(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().endsWith(LockReport.SUFFIX) && name.toString().length() > LockReport.SUFFIX.length();
    }

    public static Discovery discover(List<Path> requestedRoots) {
        Set<Path> roots = new LinkedHashSet<>();
        List<LockLocation> locks = new ArrayList<>();
        List<RootError> errors = new ArrayList<>();
        int readable = 0;
        for (Path requested : requestedRoots) {
            Path root = resolveRoot(requested, errors);
            if (root == null || !roots.add(root)) {
                continue;
            }
            if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS) && isLockName(root)) {
                locks.add(new LockLocation(root, root.getParent()));
                readable++;
                continue;
            }
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                errors.add(new RootError(root, "no such directory"));
                continue;
            }
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                errors.add(new RootError(root, "not a directory"));
                continue;
            }
            if (walk(root, locks, errors)) {
                readable++;
            }
        }
        return new Discovery(List.copyOf(roots), readable, locks, errors);
    }

    private static Path resolveRoot(Path requested, List<RootError> errors) {
        Path absolute = requested.toAbsolutePath().normalize();
        try {
            return Files.isSymbolicLink(absolute) ? absolute.toRealPath() : absolute;
        } catch (NoSuchFileException e) {
            errors.add(new RootError(absolute, "symbolic link to a missing directory"));
            return null;
        } catch (IOException e) {
            errors.add(new RootError(absolute, LockFileReader.describe(e)));
            return null;
        }
    }

    /** Walks one root; false when the root itself could not be read. */
    private static boolean walk(Path root, List<LockLocation> locks, List<RootError> errors) {
        boolean[] rootRead = {true};
        try {
            Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(root) && isLockName(dir)) {
                                locks.add(new LockLocation(dir, root));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (isLockName(file)) {
                                LockLocation.Stamp stamp = attrs.isRegularFile()
                                        ? new LockLocation.Stamp(attrs.lastModifiedTime().toInstant(), attrs.size()) : null;
                                locks.add(new LockLocation(file, root, stamp));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (e instanceof NoSuchFileException) {
                                return FileVisitResult.CONTINUE; // vanished while we walked: simply gone
                            }
                            if (file.equals(root)) {
                                rootRead[0] = false;
                            }
                            if (isLockName(file) && !(e instanceof AccessDeniedException && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))) {
                                locks.add(new LockLocation(file, root)); // the reader reports why
                            } else if (!(e instanceof FileSystemLoopException)) {
                                errors.add(new RootError(file, LockFileReader.describe(e)));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                            if (e != null && !(e instanceof NoSuchFileException)) {
                                errors.add(new RootError(dir, LockFileReader.describe(e)));
                                if (dir.equals(root)) {
                                    rootRead[0] = false;
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            errors.add(new RootError(root, LockFileReader.describe(e)));
            return false;
        }
        return rootRead[0];
    }
}
