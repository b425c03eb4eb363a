package dev.lockwatch.hold;

import java.util.List;

/** One short read of an agent DB: its facts and the session rows that can hold or block (empty when unreadable). */
public record AgentDbRead(DatabaseFacts facts, String agentId, List<SessionRow> sessions) {
    public AgentDbRead {
        sessions = List.copyOf(sessions);
    }
}
