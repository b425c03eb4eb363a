package dev.lockwatch.restart;

import dev.lockwatch.gateway.GatewayConfig;
import dev.lockwatch.gateway.GatewayInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sees a gateway (re)start in its log: OpenClaw logs {@code listening on ws://HOST:PORT (PID N)} each time it
 * starts listening. Some versions (2026.2.12) restart in process without rewriting their gateway lock, so
 * this is the only evidence of the restart. Reads only what was appended after {@link #open}. Not thread-safe.
 */
final class GatewayLogWatch {
    private static final Pattern LISTENING = Pattern.compile("listening on ws://\\S+(?:\\s*\\(PID (\\d+)\\))?");
    private static final int MAX_READ = 1 << 20;
    private static final Path DEFAULT_LOG_DIR = Path.of("/tmp/openclaw");

    /** A restart seen in the log: the pid it names (null when the line has none). */
    record Seen(Long pid) {
    }

    private final Path file;
    private long offset;

    private GatewayLogWatch(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** Starts reading at the current end of the gateway's log; null when no log could be found. */
    static GatewayLogWatch open(GatewayInfo gateway) {
        Path log = GatewayConfig.loggingFile(gateway.configPath(), gateway.hostPid(), gateway.nested());
        if (log == null) {
            log = newestLog(DEFAULT_LOG_DIR);
        }
        if (log == null) {
            return null;
        }
        try {
            return new GatewayLogWatch(log, Files.size(log));
        } catch (IOException e) {
            return new GatewayLogWatch(log, 0); // not written yet: everything it will hold is new
        }
    }

    private static Path newestLog(Path dir) {
        Path newest = null;
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*.log")) {
            for (Path p : logs) {
                if (Files.isRegularFile(p) && (newest == null
                        || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(newest)) > 0)) {
                    newest = p;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return newest;
    }

    Path file() {
        return file;
    }

    /** A restart logged since the last call, or null. */
    Seen poll() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                offset = 0; // rotated or truncated
            }
            channel.position(offset);
            byte[] appended;
            try (InputStream in = Channels.newInputStream(channel)) {
                appended = in.readNBytes(MAX_READ);
            }
            offset += appended.length;
            Matcher m = LISTENING.matcher(new String(appended, StandardCharsets.UTF_8));
            Seen seen = null;
            while (m.find()) {
                seen = new Seen(m.group(1) == null ? null : Long.valueOf(m.group(1)));
            }
            return seen;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
