package dev.lockwatch.hold;

/**
 * One {@code session_nodes} row, metadata only: {@code entryJson} is the canonical record as stored, handed to
 * {@code SessionEntry} which keeps only the run and recovery fields. The reader selects only the rows that
 * can hold or block ({@code status='running'} or recovery fields set) and never reads a transcript table.
 */
public record SessionRow(String sessionKey, String sessionId, String status, Long updatedAt, String entryJson) {
}
