package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayloadParserTest {
    private static LockPayload parse(String json) {
        return PayloadParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsWhatOpenClawWrites() {
        LockPayload p = parse("{\n  \"pid\": 25896,\n  \"createdAt\": \"2026-11-26T23:02:06.159Z\",\n  \"maxHoldMs\": 300000,\n  \"starttime\": 317917\n}");
        assertThat(p.pid()).hasToString("25896");
        assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-11-26T23:02:06.159Z"));
        assertThat(p.createdAtRaw()).isEqualTo("2026-11-26T23:02:06.159Z");
        assertThat(p.maxHoldMs()).isEqualTo(300000L);
        assertThat(p.starttime()).isEqualTo(317917L);
    }

    @Test
    void numbersFollowJavaScript() {
        assertThat(parse("{\"pid\": 1e3}").pid()).hasToString("1000");
        assertThat(parse("{\"pid\": 7.0}").pid()).hasToString("7");
        assertThat(parse("{\"pid\": -0}").pid()).isNull();
        assertThat(parse("{\"starttime\": -0}").starttime()).isZero();
        assertThat(parse("{\"starttime\": 1.5}").starttime()).isNull();
        assertThat(parse("{\"starttime\": -3}").starttime()).isNull();
        assertThat(parse("{\"pid\": 1e400}").pid()).isNull();
    }

    @Test
    void lastDuplicateKeyWinsAndTrailingGarbageInvalidates() {
        assertThat(parse("{\"pid\": 1, \"pid\": 2}").pid()).hasToString("2");
        assertThat(parse("{\"pid\": 1} x")).isEqualTo(LockPayload.EMPTY);
        assertThat(parse("{\"pid\": NaN}")).isEqualTo(LockPayload.EMPTY);
    }

    @Test
    void createdAtMustBeAParseableString() {
        assertThat(parse("{\"createdAt\": 1700000000000}").createdAt()).isNull();
        assertThat(parse("{\"createdAt\": \"not a date\"}").createdAt()).isNull();
        assertThat(parse("{\"createdAt\": \"2026-02-14T16:22:48+01:00\"}").createdAt())
                .isEqualTo(Instant.parse("2026-02-14T15:22:48Z"));
        assertThat(parse("{\"createdAt\": \"2026-02-14\"}").createdAt()).isEqualTo(Instant.parse("2026-02-14T00:00:00Z"));
    }

    @Test
    void datesBeyondJavaScriptsRangeAreInvalidAndNeverBreakTheJudge() {
        assertThat(parse("{\"createdAt\": \"+275760-09-13T00:00:00Z\"}").createdAt()).isEqualTo(Instant.ofEpochMilli(8_640_000_000_000_000L));
        assertThat(parse("{\"createdAt\": \"+275760-09-13T00:00:00.001Z\"}").createdAt()).isNull();
        assertThat(parse("{\"createdAt\": \"-271821-04-19T23:59:59.999Z\"}").createdAt()).isNull();
        for (String extreme : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
            byte[] bytes = ("{\"pid\": 99999999, \"createdAt\": \"" + extreme + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // the year 999999999 overflowed Duration.toMillis() in the judge and failed the whole scan
            LockReport report = new Judge(JudgeSettings.DEFAULTS).judge(java.nio.file.Path.of("/s/x.jsonl.lock"), java.nio.file.Path.of("/s"),
                    new LockRead.Content(bytes, Instant.now(), null), Instant.now(), dev.lockwatch.process.ProcessProbes.forThisPlatform(), null);
            assertThat(report.reasons()).contains(Reason.INVALID_CREATED_AT);
        }
    }

    @Test
    void numbersAreJavaScriptDoubles() {
        // JSON.parse rounds to the nearest double before Number.isInteger looks at it
        assertThat(parse("{\"pid\": 4242.00000000000000000001}").pid()).hasToString("4242");
        assertThat(parse("{\"pid\": 4241.99999999999999999999}").pid()).hasToString("4242");
        assertThat(parse("{\"pid\": 9007199254740993}").pid()).hasToString("9007199254740992");
        assertThat(parse("{\"pid\": 1e-400}").pid()).isNull(); // 0
        assertThat(parse("{\"starttime\": 1e-400}").starttime()).isZero();
        assertThat(parse("{\"pid\": 12, \"x\": 1e9999999999}").pid()).hasToString("12"); // Infinity elsewhere is no error
    }

    @Test
    void deepNestingAndLongNumbersElsewhereDoNotEmptyThePayload() {
        // JSON.parse has no nesting or number-length limit; Jackson's defaults (500 levels, 1000 digits) emptied these
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        assertThat(parse("{\"pid\": 12, \"x\": " + deep + "}").pid()).hasToString("12");
        assertThat(parse("{\"pid\": 12, \"x\": " + "9".repeat(5000) + "}").pid()).hasToString("12");
        assertThat(parse("{\"pid\": 12." + "0".repeat(5000) + "}").pid()).hasToString("12");
    }
}
