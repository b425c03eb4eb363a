package dev.lockwatch.gateway;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a gateway's config says about restarts: {@code commands.restart}. When it is {@code false} the gateway logs and
 * ignores SIGUSR1. OpenClaw configs are JSON, read here leniently (comments, trailing commas, single quotes, unquoted
 * keys).
 */
public final class GatewayConfig {
    private static final int LIMIT = 4 << 20;
    private static final ObjectMapper JSON5ISH = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private GatewayConfig() {
    }

    /**
     * {@code commands.restart} of the config at {@code configPath}: false only when it is literally {@code false} (the
     * gateway's own test), true otherwise, also when the key is absent; null when the file is missing or unreadable.
     *
     * @param hostPid the gateway's pid on this host, null when unknown
     * @param nested  the gateway runs in a container: the path is looked up under {@code /proc/<hostPid>/root}
     */
    public static Boolean restartEnabled(String configPath, Long hostPid, boolean nested) {
        Path file = ProcessPaths.resolve(configPath, hostPid, nested);
        return file == null ? null : restartEnabled(file);
    }

    /** {@code commands.restart} of the config file {@code file}; see {@link #restartEnabled(String, Long, boolean)}. */
    public static Boolean restartEnabled(Path file) {
        JsonNode root = read(file);
        if (root == null) {
            return null;
        }
        JsonNode restart = root.path("commands").path("restart");
        return !(restart.isBoolean() && !restart.booleanValue());
    }

    /**
     * The gateway's log file ({@code logging.file} of its config, as seen from this host), null when the config
     * does not name one or cannot be read.
     */
    public static Path loggingFile(String configPath, Long hostPid, boolean nested) {
        Path file = ProcessPaths.resolve(configPath, hostPid, nested);
        JsonNode root = file == null ? null : read(file);
        JsonNode log = root == null ? null : root.path("logging").path("file");
        if (log == null || !log.isTextual() || log.textValue().isBlank()) {
            return null;
        }
        return ProcessPaths.resolve(log.textValue(), hostPid, nested);
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode root = JSON5ISH.readTree(ProcessPaths.readSmall(file, LIMIT));
            return root != null && root.isObject() ? root : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
