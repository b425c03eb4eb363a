package dev.lockwatch.hold;

/** One {@code agent_databases} row: an agent DB the state DB knows, {@code path} as written (state-relative or absolute). */
public record AgentDbRow(String agentId, String path, Integer schemaVersion, Long lastSeenAt) {
}
