package dev.lockwatch.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads {@code /proc} files with plain sequential reads. {@code Files.readAllBytes} trusts the size that
 * stat reports (0 for these files) and can come back with a single byte from {@code /proc/sys}.
 */
final class ProcFiles {
    private static final int LIMIT = 1 << 20;

    private ProcFiles() {
    }

    static byte[] bytes(Path file) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.readNBytes(LIMIT);
        }
    }

    static String text(Path file) throws IOException {
        return new String(bytes(file), StandardCharsets.ISO_8859_1);
    }
}
