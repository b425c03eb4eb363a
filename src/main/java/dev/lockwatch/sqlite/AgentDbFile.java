package dev.lockwatch.sqlite;

import java.nio.file.Path;

/** One agent DB to read: the agent id and the file (absolute or as resolved against the state dir). */
public record AgentDbFile(String agentId, Path path) {
}
