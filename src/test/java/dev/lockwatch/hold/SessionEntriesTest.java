package dev.lockwatch.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionEntriesTest {
    @Test
    void keepsTheRunAndRecoveryFields() {
        SessionEntry entry = SessionEntries.parse("{\"sessionId\":\"s1\",\"lifecycleRunId\":\"r2\",\"activeWriterRunId\":\"r2\","
                + "\"lastRunId\":\"r1\",\"abortedLastRun\":true,\"mainRestartRecovery\":{\"cycleId\":\"c9\",\"revision\":3,"
                + "\"chargedAttempts\":1,\"reservation\":{}},\"restartRecoveryRuns\":[\"r3\",{\"runId\":\"r4\"},5],"
                + "\"content\":\"secret words\"}");
        assertThat(entry).isEqualTo(new SessionEntry("r2", "r2", "r1", true, new SessionEntry.Recovery("c9", 3L, 1L),
                List.of("r3", "r4")));
        assertThat(entry.inRecovery()).isTrue();
    }

    @Test
    void aFinishedRunIsNotInRecovery() {
        SessionEntry entry = SessionEntries.parse("{\"activeWriterRunId\":\"r1\",\"lastRunId\":\"r1\",\"abortedLastRun\":false}");
        assertThat(entry.activeWriterRunId()).isEqualTo("r1");
        assertThat(entry.abortedLastRun()).isFalse();
        assertThat(entry.inRecovery()).isFalse();
    }

    @Test
    void abortedLastRunWrittenAsOneCounts() {
        assertThat(SessionEntries.parse("{\"abortedLastRun\":1}").abortedLastRun()).isTrue();
        assertThat(SessionEntries.parse("{\"abortedLastRun\":0}").abortedLastRun()).isFalse();
        assertThat(SessionEntries.parse("{\"abortedLastRun\":2}").abortedLastRun()).isNull();
        assertThat(SessionEntries.parse("{\"abortedLastRun\":\"yes\"}").abortedLastRun()).isNull();
    }

    @Test
    void restartRecoveryRunsAsAnObjectGivesItsKeys() {
        assertThat(SessionEntries.parse("{\"restartRecoveryRuns\":{\"r7\":{},\"r8\":1}}").restartRecoveryRuns())
                .containsExactly("r7", "r8");
    }

    @Test
    void junkIsEmpty() {
        for (String junk : new String[] {null, "", "x", "[]", "{\"a\":", "{} {}", "\"str\"", "{\"a\":" + "[".repeat(3000)}) {
            assertThat(SessionEntries.parse(junk)).as(String.valueOf(junk)).isSameAs(SessionEntry.EMPTY);
        }
        String big = "{\"lastRunId\":\"r\",\"pad\":\"" + "x".repeat(HoldJson.MAX_CHARS) + "\"}";
        assertThat(SessionEntries.parse(big)).isSameAs(SessionEntry.EMPTY);
    }

    @Test
    void wrongTypesAreNull() {
        SessionEntry entry = SessionEntries.parse("{\"lifecycleRunId\":5,\"mainRestartRecovery\":\"c\",\"restartRecoveryRuns\":7}");
        assertThat(entry).isEqualTo(SessionEntry.EMPTY);
        assertThat(entry.inRecovery()).isFalse();
    }

    @Test
    void manyRecoveryRunsAreCapped() {
        String runs = String.join(",", java.util.Collections.nCopies(500, "\"r\""));
        assertThat(SessionEntries.parse("{\"restartRecoveryRuns\":[" + runs + "]}").restartRecoveryRuns())
                .hasSize(SessionEntries.MAX_RUNS);
    }
}
