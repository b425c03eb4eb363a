package dev.lockwatch.lock;

/** Why a lock got its verdict; {@link #word()} is the string scripts see in JSON. */
public enum Reason {
    // OpenClaw's own reasons, in its order
    MISSING_PID("missing-pid"),
    DEAD_PID("dead-pid"),
    RECYCLED_PID("recycled-pid"),
    INVALID_CREATED_AT("invalid-createdAt"),
    TOO_OLD("too-old"),
    HOLD_EXCEEDED("hold-exceeded"),
    NON_OPENCLAW_OWNER("non-openclaw-owner"),
    // what Lockwatch sees and OpenClaw cannot
    NOT_HELD_OPEN("not-held-open"),
    PREDATES_GATEWAY_RESTART("predates-gateway-restart"),
    AMBIGUOUS_PID_NAMESPACE("ambiguous-pid-namespace"),
    NOT_REGULAR_FILE("not-regular-file"),
    TOO_LARGE("too-large"),
    READ_ERROR("read-error");

    private final String word;

    Reason(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** OpenClaw reports these but never removes a lock for them alone. */
    public boolean reportOnly() {
        return this == TOO_OLD || this == HOLD_EXCEEDED;
    }

    /** The reasons after which OpenClaw falls back to the file's mtime before reclaiming. */
    public boolean payloadOnly() {
        return this == MISSING_PID || this == INVALID_CREATED_AT;
    }
}
