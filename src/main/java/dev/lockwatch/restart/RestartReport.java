package dev.lockwatch.restart;

import dev.lockwatch.lock.LockReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The answer of one restart: what was sent, what was released when, what survived, and how it ended.
 *
 * @param plan         what was planned
 * @param signalledAt  when the signal was sent, null when nothing was sent
 * @param released     the tracked locks released, with the time from the signal
 * @param survivors    the tracked locks still there at the end, re-judged with the restart in view
 * @param gatewayAfter the gateway seen after the signal, null when it did not come back
 * @param elapsedMs    from the signal (or the start, when nothing was sent) to the outcome
 * @param outcome      how it ended
 * @param message      one line for a person
 */
public record RestartReport(RestartPlan plan, Instant signalledAt, List<Release> released, List<LockReport> survivors,
                            GatewayAfter gatewayAfter, long elapsedMs, RestartOutcome outcome, String message) {

    public RestartReport {
        released = List.copyOf(released);
        survivors = List.copyOf(survivors);
    }

    public record Release(Path path, long afterMs) {
    }

    /**
     * The gateway after the signal.
     *
     * @param pid         its host pid
     * @param samePid     restarted in the same process
     * @param restartedAt when the restart was seen (gateway lock createdAt or the log)
     */
    public record GatewayAfter(long pid, boolean samePid, Instant restartedAt) {
    }
}
