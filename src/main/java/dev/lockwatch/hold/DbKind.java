package dev.lockwatch.hold;

/** Which of OpenClaw's 2026.8+ databases a file is. */
public enum DbKind {
    /** {@code <state>/state/openclaw.sqlite}: leases, agent-DB leases, the agent DB list, boot lifecycle. */
    STATE("state"),
    /** {@code <state>/agents/<agent>/agent/openclaw-agent.sqlite}: the agent's sessions. */
    AGENT("agent");

    private final String word;

    DbKind(String word) {
        this.word = word;
    }

    /** The word scripts see in JSON ({@code "kind"}). */
    public String word() {
        return word;
    }
}
