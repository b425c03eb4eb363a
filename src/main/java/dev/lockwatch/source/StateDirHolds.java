package dev.lockwatch.source;

import dev.lockwatch.hold.Hold;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything that holds or blocks one 2026.8+ state dir, judged at one moment: gateway locks, lease rows,
 * agent-DB lease rows and session rows, plus the health of each database read.
 *
 * @param sqliteEra true when the state dir has a state DB ({@code state/openclaw.sqlite}): a 2026.8+ gateway
 *                  wrote it, and July-line lock files under it are inert leftovers
 */
public record StateDirHolds(Path stateDir, boolean sqliteEra, List<Hold> holds, List<DatabaseStatus> databases) {
    public static StateDirHolds none(Path stateDir) {
        return new StateDirHolds(stateDir, false, List.of(), List.of());
    }

    public StateDirHolds {
        holds = List.copyOf(holds);
        databases = List.copyOf(databases);
    }
}
