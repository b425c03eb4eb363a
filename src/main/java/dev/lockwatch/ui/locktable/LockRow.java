package dev.lockwatch.ui.locktable;

import dev.lockwatch.lock.Ages;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.Verdict;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One row of the lock table: an immutable view of a {@link LockReport} with its display strings computed
 * once, so cells never compute (or do I/O) while scrolling. Ages are not stored: they are derived from
 * createdAt and the table's single clock.
 */
public final class LockRow {
    private final LockReport report;
    private final String reasons;
    /** Made on the first filter, not for each of 10,000 rows at start-up. FX thread only, like the row. */
    private String searchText;

    public LockRow(LockReport report) {
        this.report = report;
        this.reasons = report.reasons().isEmpty() ? "" : report.reasons().stream().map(Reason::word).collect(Collectors.joining(", "));
    }

    private String searchText() {
        if (searchText == null) {
            searchText = String.join("\n", report.path().toString(), session(), String.valueOf(agent()), pidText(),
                    verdict().word(), reasons, String.valueOf(command())).toLowerCase(Locale.ROOT);
        }
        return searchText;
    }

    public LockReport report() {
        return report;
    }

    public String session() {
        return report.session();
    }

    public String agent() {
        return report.agent();
    }

    public String pidText() {
        return report.pid() == null ? "-" : report.pid().toString();
    }

    /** The pid for sorting: missing pids sort first. */
    public long pidForSort() {
        return report.pid() == null ? -1 : report.pid().min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    public Verdict verdict() {
        return report.verdict();
    }

    public String reasons() {
        return reasons;
    }

    public String command() {
        return report.holder().command();
    }

    /** Age at {@code now} in milliseconds, -1 when createdAt is invalid (sorts first, shows "-"). */
    public long ageMs(Instant now) {
        Long age = report.ageMs(now);
        return age == null ? -1 : age;
    }

    /**
     * The age the table shows at {@code now}. Ages shown in whole minutes ({@link dev.lockwatch.lock.Ages#glance})
     * are taken at the clock's last 10-second boundary, so the rows on screen change their minute together, at
     * most six times a minute, instead of one repaint per row at its own second; the minute shown is at most
     * 10 s late. Younger ages are exact.
     */
    public long shownAgeMs(Instant now) {
        long exact = ageMs(now);
        long coarse = ageMs(Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), MINUTE_STEP_MS) * MINUTE_STEP_MS));
        return exact >= Ages.WHOLE_MINUTES_FROM_MS && coarse >= Ages.WHOLE_MINUTES_FROM_MS ? coarse : exact;
    }

    private static final long MINUTE_STEP_MS = 10_000;

    public boolean matches(String needle) {
        return needle == null || needle.isBlank() || searchText().contains(needle.strip().toLowerCase(Locale.ROOT));
    }
}
