package dev.lockwatch.source;

import dev.lockwatch.hold.AgentDbRead;
import dev.lockwatch.hold.StateDbRead;
import java.nio.file.Path;
import java.util.List;

/**
 * How a source reads OpenClaw's databases: the sqlite package's safe readers in the product, injected so the
 * source's own logic is tested apart from SQLite. Implementations never throw for bad files: they return error
 * entries.
 */
public interface DbReaders {
    StateDbRead readState(Path stateDb);

    AgentDbRead readAgent(Path agentDb, String agentId);

    /** The agent DBs of a state dir: those its state DB lists and those found on disk. */
    List<AgentDb> agentDbs(Path stateDir, StateDbRead state);

    record AgentDb(String agentId, Path path) {
    }
}
