/**
 * Read-only reads of OpenClaw's 2026.8+ SQLite databases (the shared state DB and the per-agent DBs) into the row
 * records of {@code dev.lockwatch.hold}. This is the only package that opens SQLite ({@code java.sql},
 * {@code org.sqlite}): every open goes through one place that lstats the file first (never opening a symlink, FIFO,
 * device or directory), opens a WAL database live only when both its {@code -wal} and {@code -shm} exist and
 * otherwise reads a private copy, never uses the {@code immutable} URI flag, never creates, renames or deletes a sidecar of the
 * live file, and keeps each read to one short transaction on a connection closed right after.
 */
package dev.lockwatch.sqlite;
