package io.dataseq.internal.index;

/**
 * A seeded bijection of {@code 0 .. size - 1} that costs O(1) memory for any size: a balanced Feistel network over
 * the smallest even-bit power of two that holds {@code size}, with cycle-walking to stay inside the range.
 *
 * <p>A Fisher-Yates shuffle would need an {@code int} per record (4 GB for 10^9 records, rebuilt every epoch);
 * this needs two longs. Each call costs a few rounds of a 64-bit mix and, on average, fewer than four walks
 * (the domain is less than four times the size).
 */
public final class Permutation {
    private static final int ROUNDS = 6;

    private final long size;
    private final long key;
    private final int halfBits;
    private final long halfMask;

    /** A permutation of {@code 0 .. size - 1} chosen by {@code key}. */
    public Permutation(long size, long key) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be at least 0, not " + size);
        }
        this.size = size;
        this.key = key;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(Math.max(1, size - 1)));
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1L << halfBits) - 1;
    }

    /** The number of values permuted. */
    public long size() {
        return size;
    }

    /** The value at {@code position}, in {@code 0 .. size - 1}; every position maps to a different value. */
    public long apply(long position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("position " + position + " outside 0.." + (size - 1));
        }
        long value = position;
        do {
            value = encrypt(value);
        } while (Long.compareUnsigned(value, size) >= 0); // above 2^62 the domain is 2^64: a negative is outside
        return value;
    }

    private long encrypt(long value) {
        long left = value >>> halfBits;
        long right = value & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            long next = left ^ (mix(right ^ key, round) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    private static long mix(long value, int round) {
        long z = value + (round + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
