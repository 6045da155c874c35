package io.dataseq;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What a reader may know about the record it is reading, beyond its number: the seed, the epoch, whether the
 * sequence trains or validates, the output being read, and random numbers that belong to them alone. A
 * {@code @Features} or {@code @Label} method receives it when it declares it as its second parameter, e.g.
 * {@code float[] pixels(int record, RecordContext context)}.
 *
 * <p>Each output has its own context: the method of output {@code "pixels"} gets
 * {@code forOutput("pixels")}, whose {@link #random()} is seeded from (seed, epoch, record, {@code "pixels"}).
 * So what one method draws never depends on what another drew before it, nor on the order DataSeq calls them in;
 * and the numbers depend on no worker thread, so a sequence delivers the same batches with 1 worker or 16, and
 * again on the next run with the same seed. For a change that must be the same in several outputs of the record (a
 * box that follows a flip of its image), draw from {@link #recordRandom()}, which every output of the record sees
 * alike. A context is used by one thread for one record; do not keep it.
 *
 * <p>Augment only while {@link #training()}: a validation or evaluation sequence (built with
 * {@code training(false)}, or {@code validation()}) must see each record as it is.
 *
 * <pre>{@code
 * if (context.training() && context.random().nextBoolean()) flipHorizontally(image);
 * }</pre>
 */
public final class RecordContext {
    /** What {@link #recordRandom()} is seeded from besides the record: apart from every output's stream. */
    private static final long RECORD_STREAM = 0x7265636F72644C4CL;

    private final long seed;
    private final int epoch;
    private final int record;
    private final boolean training;
    private final String output;
    private SplittableRandom random;

    /** Creates the context of {@code record} in {@code epoch} of a training sequence seeded with {@code seed}. */
    public RecordContext(long seed, int epoch, int record) {
        this(seed, epoch, record, true);
    }

    /**
     * Creates the context of {@code record} in {@code epoch} of a sequence seeded with {@code seed}, which trains
     * ({@code training}) or validates. It is the record's, of no output: {@link #forOutput} gives the context an
     * output's method receives.
     */
    public RecordContext(long seed, int epoch, int record, boolean training) {
        this(seed, epoch, record, training, "");
    }

    private RecordContext(long seed, int epoch, int record, boolean training, String output) {
        this.seed = seed;
        this.epoch = epoch;
        this.record = record;
        this.training = training;
        this.output = output;
    }

    /**
     * The context that the method of output {@code output} (the name of a {@code @Features} or {@code @Label}
     * method, or the {@code name} it declares) receives for this record: the same seed, epoch, record and
     * {@link #training()}, and its own {@link #random()}. A test that calls a reader's method by hand gives it
     * {@code new RecordContext(seed, epoch, record).forOutput("pixels")} to draw what the sequence would.
     */
    public RecordContext forOutput(String output) {
        Objects.requireNonNull(output, "output");
        return new RecordContext(seed, epoch, record, training, output);
    }

    /** The record's number, {@code 0 .. size() - 1}. */
    public int record() {
        return record;
    }

    /** The epoch being read, counted from 0. */
    public int epoch() {
        return epoch;
    }

    /** The sequence's seed (its builder's {@code seed}, or the annotation's): what every random number derives from. */
    public long seed() {
        return seed;
    }

    /** The name of the output whose method receives this context; empty for a record's context of no output. */
    public String output() {
        return output;
    }

    /**
     * Whether the sequence reads for training (the default) rather than for validation or evaluation (a sequence
     * built with {@code training(false)} or {@code validation()}). Augment only when true.
     */
    public boolean training() {
        return training;
    }

    /**
     * This output's random number generator, seeded from (seed, epoch, record, {@link #output()}) alone: two calls
     * for the same record and output in the same epoch of equally seeded sequences give the same numbers, whatever
     * the other outputs' methods draw. The same instance is returned on every call. (A record's context of no output
     * is seeded from (seed, epoch, record).) {@code @Image} draws an image's brightness and contrast from it, after
     * the method returns.
     */
    public SplittableRandom random() {
        if (random == null) {
            long key = recordKey();
            random = new SplittableRandom(output.isEmpty() ? key : mix(key, nameKey(output)));
        }
        return random;
    }

    /**
     * A new random number generator seeded from (seed, epoch, record) alone, the same in every output of the record:
     * each call starts it afresh, so every output's method that draws from it draws the same numbers, in whatever
     * order they are called. For a change that several outputs must share: points that follow a flip of the image
     * they lie on. {@code @Image} draws the crop, rotation and flip of every image of the record from a generator
     * {@linkplain SplittableRandom#split() split} from this one, the same for each image, which keeps a mask aligned
     * with its image; the numbers drawn from this one are independent of them.
     */
    public SplittableRandom recordRandom() {
        return new SplittableRandom(mix(recordKey(), RECORD_STREAM));
    }

    /** The seed of everything random about this record: (seed, epoch, record). */
    private long recordKey() {
        return mix(mix(seed, epoch), record);
    }

    /** A 64-bit key of an output's name (FNV-1a over its characters): the same on every JVM. */
    private static long nameKey(String name) {
        long hash = 0xCBF29CE484222325L;
        for (int i = 0; i < name.length(); i++) {
            hash = (hash ^ name.charAt(i)) * 0x100000001B3L;
        }
        return hash;
    }

    /** Combines two values into a well-spread 64-bit seed (the SplitMix64 finaliser over a golden-ratio step). */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
