/**
 * Sources of the 2026.8+ kinds: each reads its own things (gateway locks, the state and agent databases,
 * {@code /proc/locks}) and hands them to the judges in {@code hold}. May use {@code hold}, {@code gateway},
 * {@code process} and {@code lock}; reads databases only through the injected {@link dev.lockwatch.source.DbReaders}
 * (the sqlite package's readers); never JavaFX.
 */
package dev.lockwatch.source;
