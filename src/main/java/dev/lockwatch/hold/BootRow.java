package dev.lockwatch.hold;

/** One {@code gateway_boot_lifecycle} row (times in epoch ms; {@code completedAtMs} null for a running or crashed boot). */
public record BootRow(String bootId, Long pid, Long startedAtMs, Long completedAtMs, String outcome, String startupReason,
                      String reason) {
}
