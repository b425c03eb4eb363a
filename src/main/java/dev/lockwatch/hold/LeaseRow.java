package dev.lockwatch.hold;

/**
 * One {@code state_leases} row exactly as stored (times in epoch ms; {@code payloadJson} as written, parsed by
 * the lease judge, never by the reader).
 */
public record LeaseRow(String scope, String leaseKey, String owner, Long expiresAt, Long heartbeatAt, String payloadJson,
                       Long createdAt, Long updatedAt) {
}
