package dev.lockwatch.lock;

import java.time.Duration;

/**
 * The policy knobs of the judge.
 *
 * @param staleAfter OpenClaw's stale threshold ({@code OPENCLAW_SESSION_WRITE_LOCK_STALE_MS}, default 30 min)
 */
public record JudgeSettings(Duration staleAfter) {
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(30);
    public static final JudgeSettings DEFAULTS = new JudgeSettings(DEFAULT_STALE_AFTER);

    public JudgeSettings {
        if (staleAfter == null || staleAfter.isNegative()) {
            throw new IllegalArgumentException("stale threshold must be zero or more");
        }
    }
}
