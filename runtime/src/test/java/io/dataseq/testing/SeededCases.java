package io.dataseq.testing;

import java.util.function.IntFunction;

/**
 * Runs a seeded property: cases {@code 0 .. count - 1}, each drawn from its number alone, or only the one a system
 * property names, to replay a failure. A failing case is reported with its number, how to replay it, and the case.
 */
public final class SeededCases {
    private SeededCases() {}

    /**
     * What one case checks.
     *
     * @param <C> the case type
     */
    @FunctionalInterface
    public interface Check<C> {
        /** Checks case {@code number}, {@code c}. */
        void check(int number, C c);
    }

    /**
     * Checks every case, or only case {@code -D<replayProperty>=N} when that property is set.
     *
     * @throws AssertionError naming the first case that failed and the property that replays it
     */
    public static <C> void check(String replayProperty, int count, IntFunction<C> draw, Check<C> check) {
        String replay = System.getProperty(replayProperty);
        int from = replay == null ? 0 : Integer.parseInt(replay);
        int to = replay == null ? count : from + 1;
        for (int i = from; i < to; i++) {
            C c = draw.apply(i);
            try {
                check.check(i, c);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case " + i + " (replay: -D" + replayProperty + "=" + i + "): " + c + ": "
                        + e, e);
            }
        }
    }
}
