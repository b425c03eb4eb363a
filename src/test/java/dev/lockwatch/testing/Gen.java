package dev.lockwatch.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of test cases from a seeded {@link Random}: the few combinators the generated-case tests need, so
 * that a failure is replayed exactly from its seed (see {@link Cases}). Not a fuzzer: coverage-guided fuzzing of
 * the parsers is Jazzer's job.
 */
@FunctionalInterface
public interface Gen<T> {
    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return r -> f.apply(next(r));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        return r -> f.apply(next(r)).next(r);
    }

    /** Draws until a sample passes; a generator that rejects 1000 in a row is a bug in the test. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return r -> {
            for (int i = 0; i < 1000; i++) {
                T sample = next(r);
                if (keep.test(sample)) {
                    return sample;
                }
            }
            throw new IllegalStateException("the filter rejected 1000 samples in a row");
        };
    }

    default Gen<List<T>> list(int size) {
        return r -> {
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(next(r));
            }
            return list;
        };
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> copy = List.of(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    /** An int in {@code [min, max]}. */
    static Gen<Integer> between(int min, int max) {
        return r -> min + r.nextInt(max - min + 1);
    }

    /** A long in {@code [min, max]}. */
    static Gen<Long> between(long min, long max) {
        return r -> min + (long) Math.floor(r.nextDouble() * ((double) max - min + 1));
    }

    /** Picks one of the generators with the given weights. */
    static <T> Gen<T> frequency(List<Integer> weights, List<Gen<? extends T>> gens) {
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        return r -> {
            int pick = r.nextInt(total);
            for (int i = 0; i < gens.size(); i++) {
                pick -= weights.get(i);
                if (pick < 0) {
                    return gens.get(i).next(r);
                }
            }
            throw new AssertionError("weights");
        };
    }

    static Gen<byte[]> bytes(int maxSize) {
        return r -> {
            byte[] bytes = new byte[r.nextInt(maxSize + 1)];
            r.nextBytes(bytes);
            return bytes;
        };
    }

    /** Strings of up to {@code maxLength} characters drawn from {@code chars}. */
    static Gen<String> strings(String chars, int maxLength) {
        return r -> {
            StringBuilder s = new StringBuilder();
            int length = r.nextInt(maxLength + 1);
            for (int i = 0; i < length; i++) {
                s.append(chars.charAt(r.nextInt(chars.length())));
            }
            return s.toString();
        };
    }

    /**
     * Any text, weighted towards what breaks output: C0 and C1 controls, DEL, bidi overrides, lone surrogates,
     * Markdown and HTML punctuation, then any code point.
     */
    static Gen<String> anyText(int maxLength) {
        String nasty = "\u0000\u0007\b\t\n\r\u001b\u007f\u0085\u009b\u009f\u200e\u202e\u2066\u2028\ufeff\ud800\udc00`*_{}[]()#+-.!|~:'<>\"\\&";
        return r -> {
            StringBuilder s = new StringBuilder();
            int length = r.nextInt(maxLength + 1);
            for (int i = 0; i < length; i++) {
                switch (r.nextInt(4)) {
                    case 0 -> s.append(nasty.charAt(r.nextInt(nasty.length())));
                    case 1 -> s.append((char) (0x20 + r.nextInt(0x5f)));
                    case 2 -> s.append((char) r.nextInt(0x100));
                    default -> s.appendCodePoint(r.nextInt(Character.MAX_CODE_POINT + 1));
                }
            }
            return s.toString();
        };
    }
}
