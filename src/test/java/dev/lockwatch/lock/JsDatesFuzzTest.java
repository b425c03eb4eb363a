package dev.lockwatch.lock;

import static dev.lockwatch.fuzz.FuzzAssert.bounded;
import static dev.lockwatch.fuzz.FuzzAssert.check;
import static dev.lockwatch.fuzz.FuzzAssert.utf8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/** {@link JsDates#parse} never throws, and an instant it returns lies within JavaScript's ±8.64e15 ms of the epoch. */
class JsDatesFuzzTest {

    @FuzzTest
    void parse(byte[] bytes) {
        String text = utf8(bytes);
        Instant instant = bounded(() -> JsDates.parse(text));
        if (instant != null) {
            check(!instant.isAfter(Instant.ofEpochMilli(JsDates.MAX_EPOCH_MILLIS))
                    && !instant.isBefore(Instant.ofEpochMilli(-JsDates.MAX_EPOCH_MILLIS)), "beyond JavaScript's dates", instant);
            instant.toEpochMilli(); // must not overflow: ages are computed from it
        }
    }
}
