package dev.lockwatch.lock;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as operators type them: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1500ms}, or plain milliseconds. */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)?");

    private DurationText() {
    }

    /**
     * A positive duration.
     *
     * @throws IllegalArgumentException with a one-line explanation when the text is not one (also for 0)
     */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use 90s, 30m, 2h or plain milliseconds");
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            // a zero stale-after would call every lock stale, a zero timeout gives up before waiting (found by DurationTextFuzzTest)
            throw new IllegalArgumentException("'" + text + "' is not a duration above zero: use 90s, 30m, 2h or plain milliseconds");
        }
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMillis(n);
        };
    }
}
