package dev.lockwatch.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every signal and removal, appended as one JSON line and fsync'd before the action is reported done.
 * Each record is written with a single append of a complete line, so a crash can at worst lose the last
 * line, never leave a half line in the middle of the file; readers skip an unterminated last line.
 * Thread-safe: appends are serialised.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    public synchronized void append(String action, Map<String, Object> fields) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("at", clock.instant().toString());
        record.put("user", System.getProperty("user.name"));
        record.put("action", action);
        record.putAll(fields);
        byte[] line;
        try {
            line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode audit record", e);
        }
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }
}
