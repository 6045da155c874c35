package io.dataseq.internal.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PermutationTest {

    /** Small sizes, primes, powers of two (an exact Feistel domain) and 4^k + 1 (the largest cycle-walking ratio). */
    static LongStream sizes() {
        return LongStream.of(1, 2, 3, 5, 7, 11, 13, 97, 101, 1021, 7919,
                4, 8, 16, 64, 256, 1024, 4096, 65536,
                5, 17, 65, 257, 1025, 4097, 16385, 65537);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void everyValueExactlyOnce(long size) {
        for (long key : new long[] {0, 1, -1, 42, Long.MIN_VALUE}) {
            assertIsPermutation(order(size, key), size);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void sameKeySameOrder(long size) {
        assertArrayEquals(order(size, 1234), order(size, 1234));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void differentKeysDifferentOrders(long size) {
        if (size < 20) {
            return; // few orders in all: 8 keys may rightly share one (see allOrdersOfThreeAreReachable)
        }
        Set<String> orders = new HashSet<>();
        for (long key = 0; key < 8; key++) {
            orders.add(Arrays.toString(order(size, key)));
        }
        assertEquals(8, orders.size(), "8 keys should give 8 orders of " + size);
    }

    @Test
    void shufflesRatherThanKeepingTheOrder() {
        long[] order = order(1000, 7);
        long fixedPoints = LongStream.range(0, 1000).filter(i -> order[(int) i] == i).count();
        assertTrue(fixedPoints < 20, "a random permutation of 1000 has about 1 fixed point, found " + fixedPoints);
    }

    @Test
    void allOrdersOfThreeAreReachable() {
        Set<String> orders = new HashSet<>();
        for (long key = 0; key < 200; key++) {
            orders.add(Arrays.toString(order(3, key)));
        }
        assertEquals(6, orders.size(), "orders of 3 seen: " + orders);
    }

    @Test
    void emptyPermutationHasNoPositions() {
        Permutation empty = new Permutation(0, 1);
        assertEquals(0, empty.size());
        assertThrows(IndexOutOfBoundsException.class, () -> empty.apply(0));
    }

    @Test
    void rejectsPositionsOutsideTheRange() {
        Permutation permutation = new Permutation(10, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> permutation.apply(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> permutation.apply(10));
        assertThrows(IllegalArgumentException.class, () -> new Permutation(-1, 1));
    }

    @Test
    void aBillionRecordsNeedNoTable() {
        assertSampleIsInRangeAndDistinct(1_000_000_000L);
    }

    @Test
    void sizesBeyondTwoToThe62StayInRange() {
        // The Feistel domain is then 2^64: its values above Long.MAX_VALUE are negative longs.
        assertSampleIsInRangeAndDistinct((1L << 62) + 1);
        assertSampleIsInRangeAndDistinct(Long.MAX_VALUE);
    }

    private static void assertSampleIsInRangeAndDistinct(long size) {
        Permutation permutation = new Permutation(size, 99);
        SplittableRandom random = new SplittableRandom(5);
        Set<Long> values = new HashSet<>();
        long[] positions = LongStream.concat(LongStream.of(0, 1, size - 2, size - 1),
                random.longs(10_000, 0, size)).distinct().toArray();
        for (long position : positions) {
            long value = permutation.apply(position);
            assertTrue(value >= 0 && value < size, "apply(" + position + ") = " + value + " outside 0.." + (size - 1));
            values.add(value);
        }
        assertEquals(positions.length, values.size(), "distinct positions must map to distinct values");
    }

    private static long[] order(long size, long key) {
        Permutation permutation = new Permutation(size, key);
        return LongStream.range(0, size).map(permutation::apply).toArray();
    }

    private static void assertIsPermutation(long[] order, long size) {
        BitSet seen = new BitSet();
        for (long value : order) {
            assertTrue(value >= 0 && value < size, "value " + value + " outside 0.." + (size - 1));
            assertFalse(seen.get((int) value), "value " + value + " twice");
            seen.set((int) value);
        }
        assertEquals(size, seen.cardinality());
    }
}
