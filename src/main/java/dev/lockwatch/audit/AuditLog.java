package dev.lockwatch.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every signal and removal, appended as one JSON line and fsync'd before the action is reported done.
 * Each record is written with a single append of a complete line, so a crash can at worst tear the last
 * line; the next append starts with a newline when the file does not end with one, so a torn fragment stays a
 * line of its own (readers skip it) and never swallows the record after it. Thread-safe: appends are serialised,
 * across processes too (an exclusive file lock around each append).
 */
public final class AuditLog {
    /** Made on the first write: Jackson's start-up is not paid by a window that never signals or removes. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private final Path file;
    private final Clock clock;

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** {@code $XDG_DATA_HOME/lockwatch/audit.jsonl}, else {@code ~/.local/share/lockwatch/audit.jsonl} (macOS: Application Support). */
    public static Path defaultFile() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path home = Path.of(System.getProperty("user.home"));
        Path base;
        if (xdg != null && !xdg.isBlank()) {
            base = Path.of(xdg);
        } else if (System.getProperty("os.name", "").toLowerCase().contains("mac")) {
            base = home.resolve("Library/Application Support");
        } else if (System.getenv("LOCALAPPDATA") != null) {
            base = Path.of(System.getenv("LOCALAPPDATA"));
        } else {
            base = home.resolve(".local/share");
        }
        return base.resolve("lockwatch").resolve("audit.jsonl");
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one record: {@code {"at", "user", "action", ...fields}}.
     *
     * @throws IOException when the record could not be made durable: callers must not claim the action was audited
     */
    public void append(String action, Map<String, Object> fields) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("at", clock.instant().toString());
        record.put("user", System.getProperty("user.name"));
        record.put("action", action);
        record.putAll(fields);
        byte[] line;
        try {
            line = (Json.MAPPER.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode audit record", e);
        }
        synchronized (AuditLog.class) { // one JVM-wide monitor: two instances on one file must not overlap their file locks
            appendLine(line);
        }
    }

    private void appendLine(byte[] line) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock ignored = lockOrNull(channel)) { // the GUI and a CLI may append at once: check and write as one
            if (!endsWithNewline(channel.size())) {
                // The last append was torn (killed mid-write): end that line first, or this record would be glued to
                // its fragment and be lost to every reader.
                line = prepend((byte) '\n', line);
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** An exclusive lock on the whole file; null where the file system has none (the append still happens). */
    private static FileLock lockOrNull(FileChannel channel) {
        try {
            return channel.lock();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private boolean endsWithNewline(long size) throws IOException {
        if (size == 0) {
            return true;
        }
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            return reader.read(last, size - 1) == 1 && last.get(0) == '\n';
        }
    }

    private static byte[] prepend(byte first, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
