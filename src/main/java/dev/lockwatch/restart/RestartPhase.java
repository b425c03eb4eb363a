package dev.lockwatch.restart;

/**
 * The restart state machine, shared by the GUI and the CLI:
 * {@code PLANNED -> VERIFYING -> SIGNALLED -> AWAITING_RELEASE -> RELEASED | SURVIVORS | NOT_RESTARTED | GONE},
 * and {@code REFUSED} (from PLANNED or VERIFYING) or {@code FAILED} (the signal could not be sent).
 */
public enum RestartPhase {
    PLANNED, VERIFYING, SIGNALLED, AWAITING_RELEASE, RELEASED, SURVIVORS, NOT_RESTARTED, GONE, REFUSED, FAILED;

    public boolean terminal() {
        return switch (this) {
            case RELEASED, SURVIVORS, NOT_RESTARTED, GONE, REFUSED, FAILED -> true;
            default -> false;
        };
    }

    /** The terminal phase of an outcome. */
    public static RestartPhase of(RestartOutcome outcome) {
        return switch (outcome) {
            case RELEASED -> RELEASED;
            case SURVIVORS -> SURVIVORS;
            case GATEWAY_NOT_RESTARTED -> NOT_RESTARTED;
            case GATEWAY_GONE -> GONE;
            case REFUSED -> REFUSED;
            case SIGNAL_FAILED -> FAILED;
        };
    }
}
