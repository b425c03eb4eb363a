/**
 * What holds or blocks an OpenClaw 2026.8+ gateway and its sessions, and the judges of each kind: gateway lock
 * files, {@code state_leases} and {@code agent_database_leases} rows of the state DB and session rows of the agent
 * DBs, read elsewhere into the row records here and judged purely from a row and a {@link
 * dev.lockwatch.hold.HoldContext} (process facts only through its probe), first by OpenClaw's own rule, then by what
 * Lockwatch sees beyond it (see {@code openclaw-sqlite-era.md}). This package may use {@code lock}, {@code process}
 * and {@code gateway}; it never touches SQLite and never JavaFX.
 */
package dev.lockwatch.hold;
