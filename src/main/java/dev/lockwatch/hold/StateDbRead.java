package dev.lockwatch.hold;

import java.util.List;

/** One short read of a state DB: its facts and the rows of the tables Lockwatch knows (empty when unreadable). */
public record StateDbRead(DatabaseFacts facts, List<LeaseRow> leases, List<DbLeaseRow> dbLeases, List<AgentDbRow> agentDbs,
                          List<BootRow> boots) {
    public StateDbRead {
        leases = List.copyOf(leases);
        dbLeases = List.copyOf(dbLeases);
        agentDbs = List.copyOf(agentDbs);
        boots = List.copyOf(boots);
    }

    public static StateDbRead failed(DatabaseFacts facts) {
        return new StateDbRead(facts, List.of(), List.of(), List.of(), List.of());
    }
}
