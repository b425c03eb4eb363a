package dev.lockwatch.sqlite;

import dev.lockwatch.hold.AgentDbRead;
import dev.lockwatch.hold.StateDbRead;
import dev.lockwatch.source.DbReaders;
import java.nio.file.Path;
import java.util.List;

/** The product's {@link DbReaders}: this package's safe, read-only readers. Thread-safe (one connection per read). */
public final class SqliteDbReaders implements DbReaders {
    private final StateDbReader state = new StateDbReader();
    private final AgentDbReader agent = new AgentDbReader();

    @Override
    public StateDbRead readState(Path stateDb) {
        return state.read(stateDb);
    }

    @Override
    public AgentDbRead readAgent(Path agentDb, String agentId) {
        return agent.read(agentDb, agentId);
    }

    @Override
    public List<AgentDb> agentDbs(Path stateDir, StateDbRead read) {
        return AgentDbFiles.list(stateDir, read).stream().map(f -> new AgentDb(f.agentId(), f.path())).toList();
    }
}
