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
}
