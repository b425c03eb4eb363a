package dev.lockwatch.lock;

import static dev.lockwatch.fuzz.FuzzAssert.bounded;
import static dev.lockwatch.fuzz.FuzzAssert.check;
import static dev.lockwatch.fuzz.FuzzAssert.printable;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** {@link PayloadParser#parse} never throws, and a pid it reads is positive. Corpus: PayloadParserFuzzTestInputs/. */
class PayloadParserFuzzTest {

    @FuzzTest
    void parse(byte[] bytes) {
        LockPayload p = bounded(() -> PayloadParser.parse(bytes));
        check(p != null, "null payload", null);
        check(p.pid() == null || p.pid().signum() > 0, "pid not positive", p.pid());
        check(p.starttime() == null || p.starttime() >= 0, "negative starttime", p.starttime());
        check(p.maxHoldMs() == null || p.maxHoldMs() >= 0, "negative maxHoldMs", p.maxHoldMs());
        printable(p.createdAtRaw());
    }
}
