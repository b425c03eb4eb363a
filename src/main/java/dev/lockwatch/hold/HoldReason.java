package dev.lockwatch.hold;

/**
 * Why a 2026.8+ hold got its verdict; {@link #word()} is the string scripts see. OpenClaw's own words first
 * (those its code uses for the same judgement), then what Lockwatch sees and OpenClaw cannot.
 */
public enum HoldReason {
    // OpenClaw's own
    EXPIRED("expired"),
    DEAD_OWNER("dead-owner"),
    DEAD_PID("dead-pid"),
    // what Lockwatch adds
    HEARTBEAT_STOPPED("heartbeat-stopped"),
    FOREIGN_HOST("foreign-host"),
    PREDATES_GATEWAY_RESTART("predates-gateway-restart"),
    NOT_HELD_OPEN("not-held-open"),
    GATEWAY_DOWN("gateway-down"),
    RECOVERY_STUCK("recovery-stuck");

    private final String word;

    HoldReason(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The words scripts see, in order. */
    public static java.util.List<String> words(java.util.List<HoldReason> reasons) {
        return reasons.stream().map(HoldReason::word).toList();
    }
}
