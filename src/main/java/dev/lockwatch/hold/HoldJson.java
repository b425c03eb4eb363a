package dev.lockwatch.hold;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Bounded JSON for the payloads OpenClaw stores in its databases: total, never throws. */
final class HoldJson {
    /** A payload or entry larger than this is refused unread (OpenClaw's are a few hundred bytes). */
    static final int MAX_CHARS = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32).maxNumberLength(64).maxStringLength(MAX_CHARS).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private HoldJson() {
    }

    /** The JSON object in {@code text}, null when absent, too large, not JSON, too deep or not an object. */
    static JsonNode object(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(text);
            return root != null && root.isObject() ? root : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    static Boolean bool(JsonNode node) {
        return node != null && node.isBoolean() ? node.booleanValue() : null;
    }

    /** A JSON number that is an integer in value and fits a long ({@code 5}, {@code 5.0}), else null. */
    static Long integer(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() == 0) {
            return 0L;
        }
        value = value.stripTrailingZeros();
        if (value.scale() > 0) {
            return null;
        }
        BigInteger exact = value.toBigIntegerExact();
        return exact.bitLength() > 63 ? null : exact.longValue();
    }
}
