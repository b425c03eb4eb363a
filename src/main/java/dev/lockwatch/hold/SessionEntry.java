package dev.lockwatch.hold;

import java.util.List;

/**
 * The run and recovery fields of a session's {@code entry_json}, and nothing else of it (the rest may carry
 * content and is never kept). Fields of the wrong type are null, as if missing.
 *
 * @param recovery         {@code mainRestartRecovery}, null when absent
 * @param restartRecoveryRuns the run ids (or whatever string ids) listed in {@code restartRecoveryRuns}, empty when none
 */
public record SessionEntry(String lifecycleRunId, String activeWriterRunId, String lastRunId, Boolean abortedLastRun,
                           Recovery recovery, List<String> restartRecoveryRuns) {
    public static final SessionEntry EMPTY = new SessionEntry(null, null, null, null, null, List.of());

    public SessionEntry {
        restartRecoveryRuns = List.copyOf(restartRecoveryRuns);
    }

    /** {@code mainRestartRecovery}: {@code {cycleId, revision, chargedAttempts, ...}}. */
    public record Recovery(String cycleId, Long revision, Long chargedAttempts) {
    }

    /** True when a recovery cycle is present: the next start (or this one) re-runs the session. */
    public boolean inRecovery() {
        return Boolean.TRUE.equals(abortedLastRun) || recovery != null || !restartRecoveryRuns.isEmpty();
    }
}
