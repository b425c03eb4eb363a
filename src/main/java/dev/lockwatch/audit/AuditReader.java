package dev.lockwatch.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit log back: its tail for the GUI, and the last signal sent to a gateway (OpenClaw's 30 s cooldown). */
public final class AuditReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAIL_BYTES = 1 << 20;

    private AuditReader() {
    }

    /** The complete records among the last MiB of the log, oldest first; a torn last line is skipped. */
    public static List<JsonNode> tail(Path file) throws IOException {
        byte[] bytes;
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            channel.position(start);
            try (InputStream in = Channels.newInputStream(channel)) {
                bytes = in.readNBytes(TAIL_BYTES);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (start > 0) {
                int firstNewline = text.indexOf('\n');
                text = firstNewline < 0 ? "" : text.substring(firstNewline + 1);
            }
            List<JsonNode> records = new ArrayList<>();
            for (String line : text.split("\n", -1)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(JSON.readTree(line));
                } catch (IOException e) {
                    // a line torn by a crash: skip it, keep the rest
                }
            }
            return records;
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** When a restart signal was last sent to {@code hostPid}, null if never (or the log is unreadable). */
    public static Instant lastSignalled(Path file, long hostPid) {
        try {
            List<JsonNode> records = tail(file);
            for (int i = records.size() - 1; i >= 0; i--) {
                JsonNode r = records.get(i);
                if ("signal".equals(r.path("action").asText()) && "sent".equals(r.path("result").asText())
                        && r.path("hostPid").asLong(-1) == hostPid) {
                    return Instant.parse(r.path("at").asText());
                }
            }
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
        return null;
    }
}
