package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.gateway.GatewayLockPayload;
import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.OpenClawCommand;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ProcessState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.lockwatch.testing.Cases;
import dev.lockwatch.testing.Gen;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary lock contents against the engine: {@link PayloadParser} and {@link Judge} never throw, every verdict is
 * one of the four a readable file can get, and the reasons are exactly what OpenClaw's rules give. The oracle below is
 * written again from {@code openclaw-locks.md}, with JavaScript's number semantics ({@code JSON.parse} makes every
 * number a double; valid means {@code Number.isInteger(x) && x >= 0}, a pid also {@code > 0}) and JavaScript's date
 * range ({@code Date.parse} is NaN beyond 8.64e15 ms from the epoch). The process table is a fixed fake, so every
 * sample is pure and fast. The cases come from a fixed seed ({@link Cases}: a failure names it, and replays).
 */
class LockContentPropertiesTest {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00.000Z");
    static final Duration STALE = JudgeSettings.DEFAULT_STALE_AFTER;
    static final FileIdentity IDENTITY = new FileIdentity(42, 4242);
    static final Instant OLD_MTIME = NOW.minus(Duration.ofHours(2));
    private static final Judge JUDGE = new Judge(JudgeSettings.DEFAULTS);
    private static final Path PATH = Path.of("/state/agents/main/sessions/s.jsonl.lock");
    private static final long JS_MAX_DATE_MS = 8_640_000_000_000_000L;

    /** Fixed processes: an OpenClaw holder that holds the file open, one that does not, a plain bash, an unreadable one. */
    static final ProcessProbe PROBE = new ProcessProbe() {
        private final Map<Long, ProcessState> states = Map.of(
                100L, new ProcessState(true, 5000L, List.of("node", "/opt/openclaw/openclaw.mjs", "gateway"), 1000),
                200L, new ProcessState(true, 7000L, List.of("node", "/opt/openclaw/openclaw.mjs", "gateway"), 1000),
                300L, new ProcessState(true, 9000L, List.of("bash"), 1000),
                400L, new ProcessState(true, null, null, null));
        private final Map<Long, Set<FileIdentity>> open = Map.of(100L, Set.of(IDENTITY), 200L, Set.of(), 300L, Set.of());

        @Override
        public long maxPid() {
            return 4_194_304L;
        }

        @Override
        public ProcessState state(long pid) {
            return states.getOrDefault(pid, ProcessState.DEAD);
        }

        @Override
        public Set<FileIdentity> openFiles(long pid) {
            return open.get(pid);
        }

        @Override
        public Map<Long, List<Long>> nestedPidIndex() {
            return Map.of();
        }
    };

    private static final Set<Reason> OPENCLAW = EnumSet.of(Reason.MISSING_PID, Reason.DEAD_PID, Reason.RECYCLED_PID,
            Reason.INVALID_CREATED_AT, Reason.TOO_OLD, Reason.HOLD_EXCEEDED, Reason.NON_OPENCLAW_OWNER);

    // ---- properties ---------------------------------------------------------------------------------------------

    @Test
    void arbitraryBytesNeverThrowAndKeepTheInvariants() {
        Cases.check(20261127L, 1500, bytes(), bytes -> {
            LockReport report = judge(bytes);
            assertInvariants(report);
            GatewayLockPayload.parse(bytes); // never throws either
        });
    }

    @Test
    void generatedPayloadsGetExactlyOpenClawsReasons() {
        Cases.check(20261128L, 2500, payloads(), LockContentPropertiesTest::getsExactlyOpenClawsReasons);
    }

    private static void getsExactlyOpenClawsReasons(Payload payload) {
        LockReport report = judge(payload.json().getBytes(StandardCharsets.UTF_8));
        assertInvariants(report);
        assertThat(report.payload().pid()).as("pid of %s", payload.json()).isEqualTo(payload.expectedPid());
        assertThat(report.payload().createdAt()).as("createdAt of %s", payload.json()).isEqualTo(payload.expectedCreatedAt());
        List<Reason> expected = openClawReasons(payload);
        if (!expected.isEmpty()) {
            assertThat(report.verdict()).as("verdict of %s", payload.json()).isEqualTo(Verdict.STALE);
            assertThat(report.reasons()).as("reasons of %s", payload.json()).isEqualTo(expected);
        } else {
            assertThat(report.verdict()).as("verdict of %s", payload.json()).isIn(Verdict.LIVE, Verdict.ORPHANED);
            assertThat(report.reasons()).as("reasons of %s", payload.json())
                    .isEqualTo(heldOpenOrUnknown(payload.pidValue()) ? List.of() : List.of(Reason.NOT_HELD_OPEN));
        }
    }

    @Test
    void padding_extraFields_deepNestingAndHugeValuesElsewhereChangeNothing() {
        Gen<Payload> payloads = payloads();
        Gen<String> noise = noise();
        Cases.check(20261129L, 400, r -> new Noisy(payloads.next(r), noise.next(r)), n -> paddingChangesNothing(n.payload(), n.noise()));
    }

    record Noisy(Payload payload, String noise) {
    }

    private static void paddingChangesNothing(Payload payload, String noise) {
        String json = payload.json();
        int brace = json.lastIndexOf('}');
        if (!json.startsWith("{") || brace < 0) {
            return;
        }
        String padded = json.substring(0, brace) + (json.substring(1, brace).isBlank() ? "" : ",") + noise + json.substring(brace);
        LockReport plain = judge(json.getBytes(StandardCharsets.UTF_8));
        LockReport noisy = judge(padded.getBytes(StandardCharsets.UTF_8));
        assertThat(noisy.payload()).as(padded).isEqualTo(plain.payload());
        assertThat(noisy.verdict()).isEqualTo(plain.verdict());
        assertThat(noisy.reasons()).isEqualTo(plain.reasons());
    }

    // ---- the oracle ---------------------------------------------------------------------------------------------

    static List<Reason> openClawReasons(Payload p) {
        List<Reason> reasons = new ArrayList<>();
        boolean recycled = false;
        ProcessState holder = p.expectedPid() == null ? ProcessState.DEAD
                : p.expectedPid().bitLength() > 63 ? ProcessState.DEAD : PROBE.state(p.expectedPid().longValue());
        if (p.expectedPid() == null) {
            reasons.add(Reason.MISSING_PID);
        } else if (!holder.alive()) {
            reasons.add(Reason.DEAD_PID);
        } else if (p.starttime() != null && holder.starttime() != null && p.starttime().compareTo(BigDecimal.valueOf(holder.starttime())) != 0) {
            reasons.add(Reason.RECYCLED_PID);
            recycled = true;
        }
        Long age = p.expectedCreatedAt() == null ? null : Math.max(0, Duration.between(p.expectedCreatedAt(), NOW).toMillis());
        if (age == null) {
            reasons.add(Reason.INVALID_CREATED_AT);
        } else if (age > STALE.toMillis()) {
            reasons.add(Reason.TOO_OLD);
        }
        if (age != null && p.maxHoldMs() != null && p.maxHoldMs().signum() > 0 && p.maxHoldMs().compareTo(BigDecimal.valueOf(age)) < 0) {
            reasons.add(Reason.HOLD_EXCEEDED);
        }
        if (holder.alive() && !recycled && holder.argv() != null && !OpenClawCommand.isOpenClaw(holder.argv())) {
            reasons.add(Reason.NON_OPENCLAW_OWNER);
        }
        return reasons;
    }

    private static boolean heldOpenOrUnknown(long pid) {
        Set<FileIdentity> open = PROBE.openFiles(pid);
        return open == null || open.contains(IDENTITY);
    }

    /** What JavaScript makes of a JSON number: the nearest double. Valid when it is an integer >= 0 (a pid: > 0). */
    static BigDecimal jsNonNegativeInteger(String numberText) {
        double d = Double.parseDouble(numberText);
        if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.floor(d) || !(d >= 0)) {
            return null;
        }
        return new BigDecimal(d);
    }

    static LockReport judge(byte[] bytes) {
        return JUDGE.judge(PATH, PATH.getParent(), new LockRead.Content(bytes, OLD_MTIME, IDENTITY), NOW, PROBE, null);
    }

    static void assertInvariants(LockReport report) {
        assertThat(report).isNotNull();
        assertThat(report.verdict()).isIn(Verdict.STALE, Verdict.ORPHANED, Verdict.UNRESOLVED, Verdict.LIVE);
        List<Reason> reasons = report.reasons();
        assertThat(reasons).doesNotHaveDuplicates();
        assertThat(reasons).isSortedAccordingTo(Enum::compareTo); // OpenClaw's order, then Lockwatch's
        assertThat(reasons.stream().filter(r -> r == Reason.MISSING_PID || r == Reason.DEAD_PID || r == Reason.RECYCLED_PID))
                .as("at most one of missing-pid, dead-pid, recycled-pid").hasSizeLessThanOrEqualTo(1);
        assertThat(reasons.contains(Reason.MISSING_PID)).isEqualTo(report.payload().pid() == null);
        assertThat(reasons.contains(Reason.INVALID_CREATED_AT)).isEqualTo(report.payload().createdAt() == null);
        assertThat(reasons.contains(Reason.INVALID_CREATED_AT) && reasons.contains(Reason.TOO_OLD)).isFalse();
        switch (report.verdict()) {
            case STALE -> assertThat(reasons).isNotEmpty().allMatch(OPENCLAW::contains);
            case ORPHANED -> assertThat(reasons).isNotEmpty().allMatch(r -> r == Reason.NOT_HELD_OPEN || r == Reason.PREDATES_GATEWAY_RESTART);
            case UNRESOLVED -> assertThat(reasons).containsExactly(Reason.AMBIGUOUS_PID_NAMESPACE);
            case LIVE -> assertThat(reasons).isEmpty();
            default -> throw new AssertionError(report.verdict());
        }
        if (report.removable()) {
            assertThat(report.verdict()).isIn(Verdict.STALE, Verdict.ORPHANED);
            assertThat(report.holder().holdsOpen()).isNotEqualTo(Boolean.TRUE);
            assertThat(reasons).isNotEmpty().anyMatch(r -> !r.reportOnly());
        }
        if (report.payload().createdAt() != null) {
            assertThat(report.ageMs()).isNotNull().isNotNegative();
        }
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    /**
     * A payload and what OpenClaw makes of it.
     *
     * @param starttime the JS value of a valid starttime, null when absent or invalid
     * @param maxHoldMs the JS value of a valid maxHoldMs, null when absent or invalid
     */
    record Payload(String json, BigInteger expectedPid, Instant expectedCreatedAt, BigDecimal starttime, BigDecimal maxHoldMs) {
        long pidValue() {
            return expectedPid == null || expectedPid.bitLength() > 63 ? -1 : expectedPid.longValue();
        }

        @Override
        public String toString() {
            return json;
        }
    }

    /** A JSON value as text and, for numbers, its JS value as a valid non-negative integer (null when not one). */
    record Value(String text, BigDecimal validInteger, Instant date) {
    }

    static Gen<byte[]> bytes() {
        Gen<byte[]> random = Gen.bytes(600);
        Gen<byte[]> jsonish = Gen.strings("{}[]\":,0123456789.eE+-tfnul \n\t\\pidcreatedAtsrmxHoMs\u0000\u00ff\ufeff", 300)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Gen<byte[]> mangled = payloads().map(p -> p.json().getBytes(StandardCharsets.UTF_8))
                .flatMap(b -> Gen.between(0, Math.max(0, b.length - 1)).list(2)
                        .map(t -> mangle(b, t.get(0), t.get(1))));
        return Gen.frequency(List.of(3, 3, 4), List.of(random, jsonish, mangled));
    }

    private static byte[] mangle(byte[] bytes, int at, int what) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        switch (what % 4) {
            case 0 -> copy[at] = 0;
            case 1 -> copy[at] = (byte) 0xC3; // a lone UTF-8 lead byte
            case 2 -> copy = java.util.Arrays.copyOf(copy, at); // truncated
            default -> copy[at] = (byte) 0xFF;
        }
        return copy;
    }

    static Gen<Payload> payloads() {
        Gen<Value> pidGen = Gen.frequency(List.of(6, 8, 2), List.of(
                Gen.of(100L, 200L, 300L, 400L, 12345L).map(n -> integerValue(Long.toString(n))),
                numbers(Gen.of("100", "200", "300", "400", "0", "1", "12345", "4194305", "9007199254740993",
                        "9223372036854775808", "18446744073709551616", "1" + "0".repeat(400))),
                otherValues()));
        Gen<Value> createdGen = Gen.frequency(List.of(8, 2, 1), List.of(dates(), otherValues(),
                numbers(Gen.of("1700000000000", "0"))));
        Gen<Value> starttimeGen = Gen.frequency(List.of(6, 1), List.of(
                numbers(Gen.of("5000", "7000", "9000", "4999", "0", "9223372036854775808", "1" + "0".repeat(330))),
                otherValues()));
        Gen<Value> maxHoldGen = Gen.frequency(List.of(6, 1), List.of(
                numbers(Gen.of("300000", "1000", "0", "86400000", "9007199254740993", "1" + "0".repeat(330))),
                otherValues()));
        Gen<List<Boolean>> presentGen = Gen.of(true, true, true, false).list(4);
        Gen<Integer> dupeGen = Gen.of(0, 1, 2, 3);
        Gen<Boolean> prettyGen = Gen.of(true, false);
        return r -> {
            Value p = pidGen.next(r);
            Value c = createdGen.next(r);
            Value s = starttimeGen.next(r);
            Value m = maxHoldGen.next(r);
            List<Boolean> has = presentGen.next(r);
            int dupe = dupeGen.next(r);
            boolean pretty = prettyGen.next(r);
            List<String> fields = new ArrayList<>();
            BigInteger expectedPid = null;
            Instant expectedCreated = null;
            BigDecimal expectedStart = null;
            BigDecimal expectedHold = null;
            if (dupe == 1) {
                fields.add("\"pid\": \"first, overridden\""); // JSON.parse: the last duplicate key wins
            }
            if (has.get(0)) {
                fields.add("\"pid\": " + p.text());
                expectedPid = p.validInteger() == null || p.validInteger().signum() == 0 ? null : p.validInteger().toBigIntegerExact();
            }
            if (has.get(1)) {
                fields.add("\"createdAt\": " + c.text());
                expectedCreated = c.date();
            }
            if (has.get(2)) {
                fields.add("\"starttime\": " + s.text());
                expectedStart = s.validInteger();
            }
            if (has.get(3)) {
                fields.add("\"maxHoldMs\": " + m.text());
                expectedHold = m.validInteger();
            }
            if (dupe == 2 && has.get(0)) {
                fields.add("\"pid\": " + p.text()); // the same again: still that value
            }
            String sep = pretty ? ",\n  " : ",";
            String json = (pretty ? "{\n  " : "{") + String.join(sep, fields) + (pretty ? "\n}" : "}");
            return new Payload(json, expectedPid, expectedCreated, expectedStart, expectedHold);
        };
    }

    /** Numbers of every shape with the same mathematical value as {@code digits}, and some that are not integers. */
    private static Gen<Value> numbers(Gen<String> integers) {
        Gen<String> shapes = integers.flatMap(n -> Gen.of(
                n, "-" + n, n + ".0", n + ".000", n + "e0", n + "E+0", n + "0e-1", n + ".5", n + ".0000000000000000001",
                n + "e3", n + "e-3", n + "e400", n + "e-400", "0." + n + "e" + n.length(), n + ".9999999999999999999",
                "-0", "-0.0", "0e5", "1e-400", "4.9e-324", "1.7976931348623157e308", "1.8e308"));
        return shapes.filter(text -> text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) // JSON's number grammar
                .map(text -> new Value(text, jsNonNegativeInteger(text), null));
    }

    private static Value integerValue(String text) {
        return new Value(text, jsNonNegativeInteger(text), null);
    }

    private static Gen<Value> dates() {
        Gen<Value> recent = Gen.between(-Duration.ofDays(3).toMillis(), Duration.ofHours(2).toMillis())
                .map(offset -> NOW.minusMillis(offset))
                .map(t -> new Value("\"" + t + "\"", null, t));
        Gen<Value> boundary = Gen.of(-1L, 0L, 1L).map(d -> NOW.minus(STALE).minusMillis(d))
                .map(t -> new Value("\"" + t + "\"", null, t));
        Gen<Value> extreme = Gen.of(
                new Value("\"+275760-09-13T00:00:00Z\"", null, Instant.ofEpochMilli(JS_MAX_DATE_MS)),
                new Value("\"-271821-04-20T00:00:00Z\"", null, Instant.ofEpochMilli(-JS_MAX_DATE_MS)),
                new Value("\"+275760-09-13T00:00:00.001Z\"", null, null),
                new Value("\"-271821-04-19T23:59:59.999Z\"", null, null),
                new Value("\"+999999999-12-31T23:59:59Z\"", null, null),
                new Value("\"-999999999-01-01T00:00:00Z\"", null, null),
                new Value("\"not a date\"", null, null),
                new Value("\"\"", null, null),
                new Value("\"2026-02-30T00:00:00Z\"", null, null));
        return Gen.frequency(List.of(6, 2, 2), List.of(recent, boundary, extreme));
    }

    /** Values of the wrong type, huge strings and deep nesting: never valid numbers or dates. */
    private static Gen<Value> otherValues() {
        return Gen.of(
                new Value("null", null, null), new Value("true", null, null), new Value("\"100\"", null, null),
                new Value("[100]", null, null), new Value("{\"pid\": 100}", null, null),
                new Value("\"" + "x".repeat(20_000) + "\"", null, null),
                new Value("[".repeat(2000) + "]".repeat(2000), null, null),
                new Value("{\"a\":".repeat(1500) + "1" + "}".repeat(1500), null, null));
    }

    static Gen<String> noise() {
        return Gen.of(
                "\"extra\": \"" + "y".repeat(30_000) + "\"",
                "\"deep\": " + "[".repeat(5000) + "]".repeat(5000),
                "\"deepObject\": " + "{\"k\":".repeat(3000) + "null" + "}".repeat(3000),
                "\"big\": " + "9".repeat(5000),
                "\"bigFraction\": 0." + "1".repeat(5000),
                "\"exp\": 1e999999999",
                "\"tiny\": 1e-999999999",
                "\"unicode\": \"\\u0000\\u001b[31m\\ud800\"",
                "\"" + "k".repeat(10_000) + "\": 1");
    }
}
