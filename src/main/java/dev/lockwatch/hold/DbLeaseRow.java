package dev.lockwatch.hold;

/** One {@code agent_database_leases} row exactly as stored ({@code openedAt} in epoch ms; path as written). */
public record DbLeaseRow(String leaseId, String agentId, String path, Long ownerPid, Long ownerStartTime, Long openedAt) {
}
