package dev.lockwatch.testing;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs a check over generated cases from a fixed seed. A failing case names the seed, the case's index and the
 * sample, so the run is replayed exactly: {@code -Dlockwatch.seed=N} overrides the seed.
 */
public final class Cases {
    private Cases() {
    }

    public static <T> void check(long defaultSeed, int count, Gen<T> gen, Consumer<? super T> check) {
        long seed = Long.getLong("lockwatch.seed", defaultSeed);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            T sample = gen.next(random);
            try {
                check.accept(sample);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case " + i + " of seed " + seed + " (replay with -Dlockwatch.seed=" + seed + ") failed for: "
                        + abbreviate(String.valueOf(sample)) + "\n" + e.getMessage(), e);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "... (" + text.length() + " chars)";
    }
}
