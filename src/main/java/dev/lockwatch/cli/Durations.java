package dev.lockwatch.cli;

import dev.lockwatch.lock.DurationText;
import java.time.Duration;
import picocli.CommandLine;

/** picocli converter for {@code 90s}, {@code 30m}, {@code 2h}, {@code 1500ms} or plain milliseconds. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
