package dev.lockwatch.hold;

import static dev.lockwatch.fuzz.FuzzAssert.bounded;
import static dev.lockwatch.fuzz.FuzzAssert.check;
import static dev.lockwatch.fuzz.FuzzAssert.printable;
import static dev.lockwatch.fuzz.FuzzAssert.utf8;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link LeasePayloads#owner} and {@link SessionEntries#parse} never throw; the same text padded with whitespace beyond
 * 64 KiB (still the same JSON) gives null / {@link SessionEntry#EMPTY}, unread.
 */
class HoldPayloadsFuzzTest {
    private static final String PAD = " ".repeat(HoldJson.MAX_CHARS + 1);

    @FuzzTest
    void leaseOwner(byte[] bytes) {
        String text = utf8(bytes);
        LeaseOwner owner = bounded(() -> LeasePayloads.owner(text));
        if (owner != null) {
            check(owner.pid() == null || owner.pid() >= 1, "pid below 1", owner.pid());
            check(owner.startedAt() == null || owner.startedAt() >= 0, "negative startedAt", owner.startedAt());
            check(owner.port() == null || (owner.port() >= 0 && owner.port() <= 65535), "port out of range", owner.port());
            printable(owner.host());
            printable(owner.mode());
        }
        LeaseOwner huge = bounded(() -> LeasePayloads.owner(text + PAD));
        check(huge == null, "a payload over 64 KiB was read", huge);
    }

    @FuzzTest
    void sessionEntry(byte[] bytes) {
        String text = utf8(bytes);
        SessionEntry entry = bounded(() -> SessionEntries.parse(text));
        check(entry != null, "null entry", null);
        check(entry.restartRecoveryRuns().size() <= SessionEntries.MAX_RUNS, "too many runs kept", entry.restartRecoveryRuns().size());
        printable(entry);
        SessionEntry huge = bounded(() -> SessionEntries.parse(text + PAD));
        check(SessionEntry.EMPTY.equals(huge), "an entry over 64 KiB was read", huge);
    }
}
