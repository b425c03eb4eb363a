package dev.lockwatch.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A gateway lock's payload, parsed as JSON (never pattern-matched: 2026.9.x pads it with whitespace and adds
 * fields). Up to 2026.7 it holds {@code pid, createdAt, configPath, startTime} (camelCase T, unlike the session
 * locks' {@code starttime}) and since 2026.7.x {@code port}; 2026.8 adds {@code ownerId, stateDir, role}. A field
 * of the wrong type is null here, as if it were missing.
 *
 * @param pid          any JSON integer as written (also 0 and negative ones: the guard explains them), null otherwise
 * @param createdAtRaw {@code createdAt} as written, null when absent or not a string
 * @param createdAt    the parsed instant, null when missing or not an ISO-8601 date with zone
 * @param startTime    a non-negative integer {@code startTime}, null otherwise
 * @param port         a port number 0..65535, null otherwise
 */
public record GatewayLockPayload(BigInteger pid, String createdAtRaw, Instant createdAt, String configPath, Long startTime,
                                 Integer port, String ownerId, String stateDir, String role) {

    public static final GatewayLockPayload EMPTY = new GatewayLockPayload(null, null, null, null, null, null, null, null, null);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    /** The payload of {@code bytes} (UTF-8 JSON); {@link #EMPTY} when it is not a JSON object. */
    public static GatewayLockPayload parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
        if (root == null || !root.isObject()) {
            return EMPTY;
        }
        String created = text(root.get("createdAt"));
        BigInteger startTime = integer(root.get("startTime"));
        BigInteger port = integer(root.get("port"));
        return new GatewayLockPayload(integer(root.get("pid")), created, instant(created), text(root.get("configPath")),
                startTime == null || startTime.signum() < 0 || startTime.bitLength() > 63 ? null : startTime.longValue(),
                port == null || port.signum() < 0 || port.compareTo(BigInteger.valueOf(65535)) > 0 ? null : port.intValue(),
                text(root.get("ownerId")), text(root.get("stateDir")), text(root.get("role")));
    }

    /** True when nothing could be read from the payload (not JSON, not an object, or no known field). */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** A JSON number that is an integer in value ({@code 5}, {@code 5.0}, {@code -1}), else null. */
    private static BigInteger integer(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        if (value.signum() == 0) {
            return BigInteger.ZERO;
        }
        if (value.scale() > 0 || value.precision() - value.scale() > 40) {
            return null; // a fraction, or absurdly large
        }
        return value.toBigIntegerExact();
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
