package dev.lockwatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lockwatch.cli.SafeText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** The assertions every {@code *FuzzTest} shares: a bounded call, and output that is safe on a terminal. */
public final class FuzzAssert {
    /** No parser call may take longer than this on any input (a regex or JSON blow-up would). */
    public static final Duration BOUND = Duration.ofSeconds(2);

    private FuzzAssert() {
    }

    /** The result of {@code call}, which must return within {@link #BOUND}; whatever it throws fails the target. */
    public static <T> T bounded(ThrowingSupplier<T> call) {
        return assertTimeoutPreemptively(BOUND, call);
    }

    /** {@code value} as printed ({@code SafeText.terminal}) must hold no C0, DEL or C1 control character. */
    public static void printable(Object value) {
        if (value == null) {
            return;
        }
        String shown = SafeText.terminal(value.toString());
        shown.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
                throw new AssertionError(String.format("control character U+%04X printed in: %s", cp, shown));
            }
        });
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static void check(boolean ok, String what, Object value) {
        if (!ok) {
            throw new AssertionError(what + ": " + value);
        }
    }
}
