package dev.lockwatch.process;

import static dev.lockwatch.fuzz.FuzzAssert.bounded;
import static dev.lockwatch.fuzz.FuzzAssert.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** {@link ProcLocks#parse} never throws, every lock's pid is -1 (OFD) or more, and a range never ends before it starts. */
class ProcLocksFuzzTest {

    @FuzzTest
    void parse(byte[] bytes) {
        ProcLocks locks = bounded(() -> ProcLocks.parse(new String(bytes, StandardCharsets.UTF_8)));
        check(locks != null, "null locks", null);
        for (ProcLock l : locks.locks()) {
            check(l.pid() >= -1, "pid below -1", l);
            check(l.end() == null || l.end() >= l.start(), "range ends before it starts", l);
        }
    }
}
