package io.dataseq.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.testing.SeededCases;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A split's parts are disjoint, cover every record, list it ascending, have the documented sizes (per class when
 * stratified) and depend on the seed alone. The property draws its cases from a fixed seed per case; a failure names
 * the case and how to replay it alone ({@code -Ddataseq.split.case=N}).
 */
class SplitTest {
    private static final int CASES = 3000;
    private static final String REPLAY = "dataseq.split.case";

    @Test
    void seededSplitsHaveTheRoundedShareForTraining() {
        Split split = Split.seeded(10, 0.75, 1);
        assertEquals(8, split.train().size(), "round(7.5)");
        assertEquals(2, split.validation().size());
        assertEquals("Split[train 8, validation 2]", split.toString());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Split a = Split.seeded(1000, 0.8, 42);
        Split b = Split.seeded(1000, 0.8, 42);
        assertEquals(a.train(), b.train());
        assertEquals(a.validation(), b.validation());
        assertFalse(a.validation().equals(Split.seeded(1000, 0.8, 43).validation()), "seed 43 splits otherwise");
    }

    @Test
    void theSplitIsNotTheFirstRecords() {
        Split split = Split.seeded(1000, 0.5, 7);
        assertFalse(split.train().equals(RecordSubset.range(0, 500)), "drawn, not cut");
        int low = 0;
        for (int record : split.train().toArray()) {
            low += record < 500 ? 1 : 0;
        }
        // About half the training records lie in each half of the records (the standard deviation is about 11).
        assertTrue(low > 200 && low < 300, low + " of the 500 training records in the first half");
    }

    @Test
    void stratifiedSplitsKeepEachClassShare() {
        // Class 0: 90 records, class 1: 9, class 2: 1.
        IntUnaryOperator classOf = record -> record < 90 ? 0 : record < 99 ? 1 : 2;
        Split split = Split.stratified(100, classOf, 0.8, 3);

        int[] trainPerClass = new int[3];
        for (int record : split.train().toArray()) {
            trainPerClass[classOf.applyAsInt(record)]++;
        }
        assertArrayEquals(new int[] {72, 7, 1}, trainPerClass, "round(0.8 * n) of each class");
        assertEquals(20, split.validation().size());
    }

    @Test
    void stratifiedSplitsTakeAnyNonNegativeClassNumbers() {
        Split split = Split.stratified(4, record -> record % 2 == 0 ? Integer.MAX_VALUE : 0, 0.5, 9);
        assertEquals(2, split.train().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Split.stratified(3, record -> record - 1, 0.5, 9));
        assertEquals("record 0 has class -1; classes must be at least 0", e.getMessage());
    }

    @Test
    void fractionsZeroAndOneLeaveAPartEmpty() {
        assertEquals(0, Split.seeded(10, 0, 1).train().size());
        assertEquals(10, Split.seeded(10, 1, 1).train().size());
        assertEquals(RecordSubset.all(10), Split.seeded(10, 1, 1).train());
        assertEquals(0, Split.seeded(0, 0.5, 1).train().size());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Split.seeded(10, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.seeded(10, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.seeded(10, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.seeded(-1, 0.5, 1));
    }

    @Test
    void everySplitIsDisjointCoveringAscendingAndSizedAsDocumented() {
        SeededCases.check(REPLAY, CASES, Case::draw, (i, c) -> check(c));
    }

    /** One split's settings; {@code classes} 0 means a plain seeded split. */
    record Case(int records, double fraction, long seed, int classes, long classSeed) {
        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(0x5B11_7000L + number);
            int records = random.nextInt(4) == 0 ? random.nextInt(6) : random.nextInt(2000);
            double fraction = switch (random.nextInt(6)) {
                case 0 -> 0;
                case 1 -> 1;
                default -> random.nextDouble();
            };
            return new Case(records, fraction, random.nextLong(), random.nextBoolean() ? 0 : 1 + random.nextInt(12),
                    random.nextLong());
        }

        int classOf(int record) {
            long z = (classSeed + record) * 0x9E3779B97F4A7C15L;
            z ^= z >>> 29;
            return (int) Math.floorMod(z, (long) classes) * 3; // sparse class numbers
        }

        Split split() {
            return classes == 0 ? Split.seeded(records, fraction, seed)
                    : Split.stratified(records, this::classOf, fraction, seed);
        }
    }

    private static void check(Case c) {
        Split split = c.split();
        int[] train = split.train().toArray();
        int[] validation = split.validation().toArray();
        int[] times = new int[c.records()];
        assertAscending(train, "train");
        assertAscending(validation, "validation");
        for (int record : train) {
            times[record]++;
        }
        for (int record : validation) {
            times[record]++;
        }
        for (int record = 0; record < c.records(); record++) {
            assertEquals(1, times[record], "record " + record + " is in exactly one part");
        }
        assertEquals(train.length == 0 ? 0 : train[train.length - 1] + 1, split.train().limit(), "train limit");

        if (c.classes() == 0) {
            assertEquals(Math.round(c.records() * c.fraction()), train.length, "train size");
        } else {
            int[] perClass = new int[3 * c.classes()];
            int[] trainPerClass = new int[perClass.length];
            for (int record = 0; record < c.records(); record++) {
                perClass[c.classOf(record)]++;
            }
            for (int record : train) {
                trainPerClass[c.classOf(record)]++;
            }
            for (int k = 0; k < perClass.length; k++) {
                assertEquals(Math.round(perClass[k] * c.fraction()), trainPerClass[k], "train size of class " + k);
            }
        }

        Split again = c.split();
        assertEquals(split.train(), again.train(), "the same seed splits the same way");
    }

    private static void assertAscending(int[] records, String part) {
        for (int i = 1; i < records.length; i++) {
            assertTrue(records[i - 1] < records[i], part + " ascending at " + i);
        }
    }
}
