package dev.lockwatch.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where else a gateway's install shows when its process title ({@code openclaw-gateway}) has replaced its command
 * line, as every real gateway does: the command lines of its child processes (2026.9 runs workers from its
 * {@code dist/}), and its own log, whose records carry the source file that wrote them
 * ({@code "_meta":{"path":{"filePath":".../node_modules/openclaw/dist/....js"}}}).
 */
final class InstallHints {
    private static final Pattern LOGGED_SOURCE =
            Pattern.compile("\"(?:fullFilePath|filePath)\"\\s*:\\s*\"(?:file://)?(/[^\"]*?/dist/[^\"]*?\\.m?js)");
    private static final Path DEFAULT_LOG_DIR = Path.of("/tmp/openclaw");
    private static final int HEAD = 64 * 1024;
    private static final int TAIL = 256 * 1024;

    private InstallHints() {
    }

    /** The arguments of the gateway's child processes. */
    static List<String> childArguments(Long hostPid) {
        List<String> args = new ArrayList<>();
        if (hostPid == null) {
            return args;
        }
        ProcessHandle.of(hostPid).ifPresent(gateway -> gateway.children().limit(64).forEach(child -> {
            ProcessHandle.Info info = child.info();
            info.command().ifPresent(args::add);
            info.arguments().ifPresent(a -> args.addAll(List.of(a)));
        }));
        return args;
    }

    /**
     * Source files named in the gateway's log, most recent first. The log is {@code logging.file} of its config;
     * otherwise the newest log under {@code /tmp/openclaw/} that names this gateway's pid ({@code (PID N)}), since
     * several gateways may share that directory.
     */
    static List<Path> loggedSources(String configPath, Long hostPid, boolean nested) {
        Path configured = GatewayConfig.loggingFile(configPath, hostPid, nested);
        Optional<String> text = configured != null ? read(configured) : defaultLog(hostPid);
        List<Path> sources = new ArrayList<>();
        text.ifPresent(t -> {
            Matcher m = LOGGED_SOURCE.matcher(t);
            while (m.find()) {
                Path p = ProcessPaths.resolve(m.group(1), hostPid, nested);
                if (p != null && !sources.contains(p)) {
                    sources.add(0, p);
                }
            }
        });
        return sources;
    }

    private static Optional<String> defaultLog(Long hostPid) {
        if (hostPid == null) {
            return Optional.empty();
        }
        List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(DEFAULT_LOG_DIR, "*.log")) {
            dir.forEach(logs::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        logs.sort((a, b) -> Long.compare(mtime(b), mtime(a)));
        for (Path log : logs.subList(0, Math.min(8, logs.size()))) {
            Optional<String> text = read(log);
            if (text.isPresent() && text.get().contains("(PID " + hostPid + ")")) {
                return text;
            }
        }
        return Optional.empty();
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The head and the tail of a log (it may be large): enough for its first records and its latest. */
    private static Optional<String> read(Path log) {
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(log, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] head;
            try (InputStream in = Channels.newInputStream(channel)) {
                head = in.readNBytes(HEAD);
            }
            String text = new String(head, StandardCharsets.UTF_8);
            if (size > HEAD) {
                channel.position(Math.max(HEAD, size - TAIL));
                try (InputStream in = Channels.newInputStream(channel)) {
                    text = text + "\n" + new String(in.readNBytes(TAIL), StandardCharsets.UTF_8);
                }
            }
            return Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
