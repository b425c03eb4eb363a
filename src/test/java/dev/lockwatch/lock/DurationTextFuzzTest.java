package dev.lockwatch.lock;

import static dev.lockwatch.fuzz.FuzzAssert.bounded;
import static dev.lockwatch.fuzz.FuzzAssert.check;
import static dev.lockwatch.fuzz.FuzzAssert.printable;
import static dev.lockwatch.fuzz.FuzzAssert.utf8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lockwatch.cli.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * {@link DurationText#parse} throws only its documented {@link IllegalArgumentException} (with a one-line message), and
 * {@link Durations} only picocli's {@code TypeConversionException}; a duration either returns is positive.
 */
class DurationTextFuzzTest {

    @FuzzTest
    void parse(byte[] bytes) {
        String text = utf8(bytes);
        Duration d = bounded(() -> {
            try {
                return DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                check(!e.getMessage().contains("\n") || text.contains("\n"), "multi-line message", e.getMessage());
                return null;
            }
        });
        check(d == null || (!d.isNegative() && !d.isZero()), "duration not positive", d);
        Duration viaCli = bounded(() -> {
            try {
                return new Durations().convert(text);
            } catch (CommandLine.TypeConversionException e) {
                printable(e.getMessage());
                return null;
            }
        });
        check(d == null ? viaCli == null : d.equals(viaCli), "converter disagrees", viaCli);
    }
}
