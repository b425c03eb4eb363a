package dev.lockwatch.ui.locktable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.lock.Ages;
import dev.lockwatch.lock.Verdict;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the age column shows, second by second, without a toolkit. */
class LockRowAgeTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void youngAgesAreExactToTheSecond() {
        LockRow row = new LockRow(Reports.report("young", Verdict.LIVE, T0, 1));
        assertThat(Ages.glance(row.shownAgeMs(T0.plusSeconds(75)))).isEqualTo("75s");
        assertThat(Ages.glance(row.shownAgeMs(T0.plusSeconds(76)))).isEqualTo("76s");
        assertThat(Ages.glance(row.shownAgeMs(T0.plusSeconds(599)))).isEqualTo("9m59s");
        assertThat(Ages.glance(row.shownAgeMs(T0.plusMillis(600_500)))).isEqualTo("10m"); // never back to 9m5Xs
        assertThat(Ages.glance(row.shownAgeMs(T0.plusSeconds(605)))).isEqualTo("10m");
    }

    @Test
    void rowsOfManyAgesChangeTheirMinuteOnlyAtTenSecondBoundaries() {
        // 60 rows created one second apart, all older than 10 minutes: one repaint per row per minute at its own
        // second would be 60 changes a minute; on 10-second boundaries it is at most 6
        List<LockRow> rows = IntStream.range(0, 60)
                .mapToObj(i -> new LockRow(Reports.report("r" + i, Verdict.LIVE, T0.plusSeconds(i), 1))).toList();
        Set<Long> changeSeconds = new HashSet<>();
        Instant start = T0.plusSeconds(20 * 60);
        List<String> before = rows.stream().map(r -> Ages.glance(r.shownAgeMs(start))).toList();
        for (int s = 1; s <= 60; s++) {
            Instant now = start.plusSeconds(s);
            List<String> shown = rows.stream().map(r -> Ages.glance(r.shownAgeMs(now))).toList();
            if (!shown.equals(before)) {
                changeSeconds.add(now.getEpochSecond() % 60);
            }
            before = shown;
        }
        assertThat(changeSeconds).hasSizeLessThanOrEqualTo(6).allSatisfy(s -> assertThat(s % 10).isZero());
        // and every row still advanced by one minute over that minute
        assertThat(Ages.glance(rows.get(0).shownAgeMs(start.plusSeconds(60)))).isEqualTo("21m");
    }
}
