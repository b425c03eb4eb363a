package dev.lockwatch.lock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses dates the way JavaScript's {@code Date.parse} does for the forms OpenClaw and people write:
 * ISO-8601 with zone (what OpenClaw writes), date-only (UTC), and date-time without zone (local time).
 */
final class JsDates {
    /** JavaScript's dates end 8.64e15 ms either side of the epoch; beyond, {@code Date.parse} is NaN. */
    static final long MAX_EPOCH_MILLIS = 8_640_000_000_000_000L;

    private JsDates() {
    }

    /**
     * The instant, or null where {@code Date.parse} gives NaN. Also bounds every age computed from it: an instant of
     * year 999999999 overflowed {@code Duration.toMillis()} and threw out of the judge, failing the whole scan.
     */
    static Instant parse(String text) {
        Instant instant = parseAny(text);
        if (instant == null || Math.abs(instant.getEpochSecond()) > MAX_EPOCH_MILLIS / 1000
                || instant.isAfter(Instant.ofEpochMilli(MAX_EPOCH_MILLIS)) || instant.isBefore(Instant.ofEpochMilli(-MAX_EPOCH_MILLIS))) {
            return null;
        }
        return instant;
    }

    private static Instant parseAny(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
