package dev.lockwatch.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** lstat-based checks that never open (and so never block on) what they look at. */
final class FileCheck {
    private FileCheck() {
    }

    /** The file's attributes without following a symlink, or null when nothing is there. */
    static BasicFileAttributes lstat(Path p) throws DbReadException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new DbReadException("cannot stat: " + e.getMessage());
        }
    }

    /** Null for a regular file, else the kind word ({@code symlink}, {@code fifo}, {@code directory}, ...). */
    static String notRegularKind(Path p, BasicFileAttributes a) {
        if (a.isRegularFile()) {
            return null;
        }
        if (a.isSymbolicLink()) {
            return "symlink";
        }
        if (a.isDirectory()) {
            return "directory";
        }
        try {
            int fmt = ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000;
            switch (fmt) {
                case 0010000: return "fifo";
                case 0020000: return "character device";
                case 0060000: return "block device";
                case 0140000: return "socket";
                default: return "special file";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "special file";
        }
    }

    /** Size of a regular file, null when it is missing or not regular. */
    static Long regularSize(Path p) {
        try {
            BasicFileAttributes a = lstat(p);
            return a != null && a.isRegularFile() ? a.size() : null;
        } catch (DbReadException e) {
            return null;
        }
    }
}
