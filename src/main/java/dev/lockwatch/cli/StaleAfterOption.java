package dev.lockwatch.cli;

import dev.lockwatch.lock.JudgeSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --stale-after}, shared by every command that judges. */
final class StaleAfterOption {
    @Option(names = "--stale-after", paramLabel = "DURATION", converter = Durations.class,
            description = "OpenClaw's stale threshold: 90s, 30m, 2h or milliseconds (default: 30m).")
    Duration staleAfter = JudgeSettings.DEFAULT_STALE_AFTER;
}
