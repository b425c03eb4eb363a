package dev.lockwatch.hold;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a {@code state_leases.payload_json} (openclaw-sqlite-era.md, "state_leases"): process-owner leases carry
 * {@code {"owner":{"pid":N,"host":"...","startedAt":N|null},...}}, {@code gateway-owner} adds {@code port} and
 * {@code mode} beside {@code owner}. Generic leases carry NULL.
 */
public final class LeasePayloads {
    private LeasePayloads() {
    }

    /**
     * The owner of {@code payloadJson}; null when the payload is NULL, larger than 64 KiB, not a JSON object, or has
     * no {@code owner} object. A field of the wrong type (or a pid below 1, a negative start time, a port outside
     * 0..65535) is null in the result, as if missing. Never throws.
     */
    public static LeaseOwner owner(String payloadJson) {
        JsonNode root = HoldJson.object(payloadJson);
        JsonNode owner = root == null ? null : root.get("owner");
        if (owner == null || !owner.isObject()) {
            return null;
        }
        Long pid = HoldJson.integer(owner.get("pid"));
        Long startedAt = HoldJson.integer(owner.get("startedAt"));
        Long port = HoldJson.integer(root.get("port"));
        return new LeaseOwner(pid == null || pid < 1 ? null : pid, HoldJson.text(owner.get("host")),
                startedAt == null || startedAt < 0 ? null : startedAt,
                port == null || port < 0 || port > 65535 ? null : port.intValue(), HoldJson.text(root.get("mode")));
    }
}
