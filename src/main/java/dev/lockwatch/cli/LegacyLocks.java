package dev.lockwatch.cli;

import dev.lockwatch.source.StateDirHolds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** July-line lock files under a 2026.8+ state dir: still listed, with a note that nothing reads them any more. */
final class LegacyLocks {
    static final String NOTE_INERT = "inert leftover: OpenClaw 2026.8+ never reads it";

    private LegacyLocks() {
    }

    @SuppressWarnings("unchecked")
    static void noteInert(Map<String, Object> scanDoc, List<StateDirHolds> stateDirs) {
        for (Map<String, Object> lock : (List<Map<String, Object>>) scanDoc.get("locks")) {
            Path path = Path.of((String) lock.get("path"));
            if (lock.get("note") == null && stateDirs.stream().anyMatch(s -> path.startsWith(s.stateDir().toAbsolutePath().normalize()))) {
                lock.put("note", NOTE_INERT);
            }
        }
    }
}
