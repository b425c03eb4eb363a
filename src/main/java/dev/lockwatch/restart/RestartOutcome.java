package dev.lockwatch.restart;

/** How a restart ended; {@link #word()} and {@link #exitCode()} are the CLI's contract. */
public enum RestartOutcome {
    RELEASED("released", 0),
    SURVIVORS("survivors", 3),
    REFUSED("refused", 4),
    SIGNAL_FAILED("signal-failed", 5),
    GATEWAY_NOT_RESTARTED("gateway-not-restarted", 6),
    GATEWAY_GONE("gateway-gone", 7);

    private final String word;
    private final int exitCode;

    RestartOutcome(String word, int exitCode) {
        this.word = word;
        this.exitCode = exitCode;
    }

    public String word() {
        return word;
    }

    public int exitCode() {
        return exitCode;
    }
}
