package dev.lockwatch.ui.restart;

import dev.lockwatch.clean.Removal;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.restart.RestartListener;
import dev.lockwatch.restart.RestartPlan;
import dev.lockwatch.restart.RestartReport;
import dev.lockwatch.restart.SignalChoice;
import java.util.List;

/**
 * What the restart and cleanup views may ask of the engine. Every method blocks and does I/O: the
 * view-model calls them on its worker executor, never on the FX thread.
 */
public interface RestartActions {
    /** Finds the gateway and plans a restart over the watched locks. */
    RestartPlan plan(SignalChoice choice);

    /** Runs the plan: re-verify, signal, await release. */
    RestartReport run(RestartPlan plan, RestartListener listener);

    /** Removes the given locks if each is still exactly what was judged (orphaned included when asked). */
    List<Removal> remove(List<LockReport> locks, boolean includeOrphaned);
}
