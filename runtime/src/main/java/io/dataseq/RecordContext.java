package io.dataseq;

import java.util.SplittableRandom;

/**
 * What a reader may know about the record it is reading, beyond its number: the epoch, whether the sequence
 * trains or validates, and random numbers that belong to this (seed, epoch, record) alone. A {@code @Features} or {@code @Label} method receives it when it
 * declares it as its second parameter, e.g. {@code float[] pixels(int record, RecordContext context)}.
 *
 * <p>Use {@link #random()} for augmentation (a random flip, crop, jitter): the numbers depend only on the seed,
 * the epoch and the record, never on which worker thread reads it or when, so a sequence delivers the same
 * batches with 1 worker or 16, and again on the next run with the same seed. A context is used by one thread for
 * one record; do not keep it.
 *
 * <p>Augment only while {@link #training()}: a validation or evaluation sequence (built with
 * {@code training(false)}, or {@code validation()}) must see each record as it is.
 *
 * <pre>{@code
 * if (context.training() && context.random().nextBoolean()) flipHorizontally(image);
 * }</pre>
 */
public final class RecordContext {
    private final long seed;
    private final int epoch;
    private final int record;
    private final boolean training;
    private SplittableRandom random;

    /** Creates the context of {@code record} in {@code epoch} of a training sequence seeded with {@code seed}. */
    public RecordContext(long seed, int epoch, int record) {
        this(seed, epoch, record, true);
    }

    /**
     * Creates the context of {@code record} in {@code epoch} of a sequence seeded with {@code seed}, which trains
     * ({@code training}) or validates.
     */
    public RecordContext(long seed, int epoch, int record, boolean training) {
        this.seed = seed;
        this.epoch = epoch;
        this.record = record;
        this.training = training;
    }

    /** The record's number, {@code 0 .. size() - 1}. */
    public int record() {
        return record;
    }

    /** The epoch being read, counted from 0. */
    public int epoch() {
        return epoch;
    }

    /**
     * Whether the sequence reads for training (the default) rather than for validation or evaluation (a sequence
     * built with {@code training(false)} or {@code validation()}). Augment only when true.
     */
    public boolean training() {
        return training;
    }

    /**
     * A random number generator seeded from (seed, epoch, record) alone: two calls for the same record in the
     * same epoch of equally seeded sequences give the same numbers. The same instance is returned on every call.
     */
    public SplittableRandom random() {
        if (random == null) {
            random = new SplittableRandom(mix(mix(seed, epoch), record));
        }
        return random;
    }

    /** Combines two values into a well-spread 64-bit seed (the SplitMix64 finaliser over a golden-ratio step). */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
