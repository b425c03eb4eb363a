package dev.lockwatch.hold;

/**
 * The {@code owner} object of a process-owner lease's {@code payload_json}
 * ({@code {"owner":{"pid":N,"host":"...","startedAt":N|null},...}}), plus the gateway-owner extras.
 * A field of the wrong type is null, as if missing (OpenClaw then calls the owner {@code unknown}).
 *
 * @param pid       the owner's pid as OpenClaw recorded it (a container pid inside a container)
 * @param host      {@code os.hostname()} of the owner (a container's hostname inside a container)
 * @param startedAt the owner's start time in clock ticks since boot, as {@code /proc/<pid>/stat} field 22
 * @param port      {@code gateway-owner} only: the gateway's port
 * @param mode      {@code gateway-owner} only
 */
public record LeaseOwner(Long pid, String host, Long startedAt, Integer port, String mode) {
}
