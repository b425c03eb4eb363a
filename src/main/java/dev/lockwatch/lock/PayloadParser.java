package dev.lockwatch.lock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lock payloads with OpenClaw's (JavaScript's) rules: text is UTF-8 (bad bytes become U+FFFD, a BOM
 * makes the JSON invalid), {@code JSON.parse} semantics (last duplicate key wins, {@code 1.0} and
 * {@code 1e3} are integers), and anything that is not a JSON object counts as an empty payload.
 * Thread-safe.
 */
public final class PayloadParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private static final BigDecimal DOUBLE_MAX = new BigDecimal(Double.MAX_VALUE);

    private PayloadParser() {
    }

    public static LockPayload parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(decodeUtf8(bytes));
        } catch (IOException | RuntimeException e) {
            return LockPayload.EMPTY;
        }
        if (root == null || !root.isObject()) {
            return LockPayload.EMPTY;
        }
        BigInteger pid = nonNegativeInteger(root.get("pid"));
        if (pid != null && pid.signum() == 0) {
            pid = null;
        }
        JsonNode created = root.get("createdAt");
        String createdRaw = created != null && created.isTextual() ? created.textValue() : null;
        return new LockPayload(pid, createdRaw, JsDates.parse(createdRaw),
                asLong(nonNegativeInteger(root.get("starttime"))), asLong(nonNegativeInteger(root.get("maxHoldMs"))));
    }

    /** UTF-8 with replacement, as Node's {@code fs.readFile(path, "utf8")}; the BOM is kept, as Node keeps it. */
    static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e); // cannot happen with REPLACE
        }
    }

    /** A JSON number that is a non-negative integer in value ({@code 5}, {@code 5.0}, {@code 5e0}), else null. */
    static BigInteger nonNegativeInteger(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() < 0) {
            return null;
        }
        if (value.signum() == 0) {
            return BigInteger.ZERO; // also -0 and 0.0, which JavaScript calls non-negative integers
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return null;
        }
        if (stripped.compareTo(DOUBLE_MAX) > 0) {
            return null; // beyond a double: JavaScript reads it as Infinity, not an integer
        }
        return stripped.toBigIntegerExact();
    }

    /** Beyond 63 bits no real starttime or hold can match, so the value saturates rather than vanishing. */
    private static Long asLong(BigInteger value) {
        if (value == null) {
            return null;
        }
        return value.bitLength() > 63 ? Long.MAX_VALUE : value.longValue();
    }
}
