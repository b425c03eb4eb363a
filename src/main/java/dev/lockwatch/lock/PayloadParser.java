package dev.lockwatch.lock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
    /**
     * {@code JSON.parse} has no nesting or number-length limit, so neither may this parser within the 64 KiB a lock is
     * read up to: with Jackson's defaults (nesting 500, numbers of 1000 digits) a valid payload with a deep or long value
     * in some other field read as empty, and a lock the gateway calls live was judged {@code missing-pid}.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(LockFileReader.MAX_BYTES)
                    .maxNumberLength(LockFileReader.MAX_BYTES)
                    .maxStringLength(LockFileReader.MAX_BYTES)
                    .maxNameLength(LockFileReader.MAX_BYTES)
                    .build())
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder(FACTORY)
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // doubles, as JSON.parse: 1e9999999999 is Infinity, not an error
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

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

    /**
     * A JSON number that JavaScript calls a non-negative integer, else null. {@code JSON.parse} makes every number the
     * nearest double, so the test runs on that double: {@code 5}, {@code 5.0}, {@code 5e0} and also
     * {@code 4.99999999999999999999} (which is 5 as a double) are 5; {@code 1e400} is Infinity, not an integer;
     * {@code -0} is 0. The value returned is the double's exact value.
     */
    static BigInteger nonNegativeInteger(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        double value = node.doubleValue(); // correctly rounded, as JavaScript rounds
        if (Double.isInfinite(value) || Double.isNaN(value) || !(value >= 0) || value != Math.floor(value)) {
            return null;
        }
        return value == 0 ? BigInteger.ZERO : new BigDecimal(value).toBigIntegerExact();
    }

    /** Beyond 63 bits no real starttime or hold can match, so the value saturates rather than vanishing. */
    private static Long asLong(BigInteger value) {
        if (value == null) {
            return null;
        }
        return value.bitLength() > 63 ? Long.MAX_VALUE : value.longValue();
    }
}
