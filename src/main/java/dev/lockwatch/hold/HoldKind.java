package dev.lockwatch.hold;

/** The kinds of thing that can hold or block an OpenClaw gateway or its sessions. */
public enum HoldKind {
    /** A July-line (<= 2026.7.x) {@code <id>.jsonl.lock} file. */
    LOCK_FILE("lock"),
    /** A gateway lock file ({@code gateway.*.lock}), 2026.8 layout with {@code ownerId} or older. */
    GATEWAY_LOCK("gateway"),
    /** A {@code state_leases} row of a state DB. */
    STATE_LEASE("lease"),
    /** An {@code agent_database_leases} row of a state DB. */
    DB_LEASE("db-lease"),
    /** A session row of an agent DB that is running or carries recovery fields. */
    SESSION("session");

    private final String word;

    HoldKind(String word) {
        this.word = word;
    }

    /** The word scripts see ({@code "kind"} in {@code watch --json}). */
    public String word() {
        return word;
    }
}
