package dev.lockwatch.ui.history;

import dev.lockwatch.lock.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Lock counts per verdict over a sliding window (15 minutes by default): a leak shows as a rising line.
 * Not thread-safe: owned by the FX thread.
 */
public final class VerdictHistory {

    /** Counts at one moment. */
    public record Sample(Instant at, Map<Verdict, Integer> counts) {
        public Sample {
            counts = Map.copyOf(counts);
        }

        public int count(Verdict verdict) {
            return counts.getOrDefault(verdict, 0);
        }
    }

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public VerdictHistory(Duration window) {
        this.window = window;
    }

    public void record(Instant at, Map<Verdict, Integer> counts) {
        samples.addLast(new Sample(at, new EnumMap<>(counts)));
        Instant oldest = at.minus(window);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    public Duration window() {
        return window;
    }
}
