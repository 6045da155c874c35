package io.dataseq.index;

import io.dataseq.internal.index.EpochIndex;
import io.dataseq.internal.index.Permutation;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * A seeded split of a reader's records into a training part and a validation part: disjoint, together every
 * record, and the same for the same seed on every run and machine.
 *
 * <pre>{@code
 * Split split = Split.stratified(reader.size(), reader::digit, 0.8, 2024);
 * try (DigitsSequence train = DigitsSequence.builder(reader).subset(split.train()).build();
 *      DigitsSequence validation = DigitsSequence.builder(reader).subset(split.validation()).validation().build()) {
 *     model.fit(train, 5);
 *     System.out.println(model.evaluate(validation).stats());
 * }
 * }</pre>
 *
 * <p><b>Which records.</b> {@link #seeded} draws {@code round(records * trainFraction)} records for training by a
 * seeded permutation of all of them. {@link #stratified} does the same within each class, drawing
 * {@code round(n_c * trainFraction)} of the {@code n_c} records of class {@code c}, so that every class keeps its
 * share in both parts (a rare class cannot end up only in one by chance). The split is a function of the record
 * count, the classes, the fraction and the seed alone: the seed of a sequence's shuffle has no part in it, and
 * adding records to the reader gives a different split (save {@link #validation()}{@code .toArray()} to keep a
 * validation set fixed while a dataset grows).
 *
 * <p>Both parts list their records in ascending order, so a validation sequence that does not shuffle reads the
 * reader's records in its own order. Immutable and thread-safe; it holds 4 bytes per record.
 */
public final class Split {
    private static final long SALT = 0x5D1B_7A3C_9E44_2F61L;

    private final RecordSubset train;
    private final RecordSubset validation;

    private Split(RecordSubset train, RecordSubset validation) {
        this.train = train;
        this.validation = validation;
    }

    /**
     * Splits records {@code 0 .. records - 1}: {@code round(records * trainFraction)} for training, drawn by a
     * permutation seeded with {@code seed}, the rest for validation.
     *
     * @param trainFraction the share for training, in {@code [0, 1]}
     */
    public static Split seeded(int records, double trainFraction, long seed) {
        checkArguments(records, trainFraction);
        BitSet inTrain = new BitSet(records);
        choose(records, trainFraction, key(seed, 0), position -> position, inTrain);
        return of(records, inTrain);
    }

    /**
     * Splits records {@code 0 .. records - 1} class by class: of the records whose {@code classOf} is {@code c},
     * {@code round(n_c * trainFraction)} go to training, drawn by a permutation seeded with ({@code seed},
     * {@code c}); the rest to validation. {@code classOf} is called once per record, on this thread; any
     * non-negative class numbers will do (a reader's {@code @Label} method, or
     * {@link io.dataseq.files.LabelledFiles#classOf}).
     *
     * @param trainFraction the share of each class for training, in {@code [0, 1]}
     */
    public static Split stratified(int records, IntUnaryOperator classOf, double trainFraction, long seed) {
        checkArguments(records, trainFraction);
        Objects.requireNonNull(classOf, "classOf");
        // (class, record) pairs in one long each, sorted: the records of each class, ascending, class by class.
        long[] byClass = new long[records];
        for (int record = 0; record < records; record++) {
            int c = classOf.applyAsInt(record);
            if (c < 0) {
                throw new IllegalArgumentException("record " + record + " has class " + c
                        + "; classes must be at least 0");
            }
            byClass[record] = (long) c << 32 | record;
        }
        Arrays.sort(byClass);
        BitSet inTrain = new BitSet(records);
        int first = 0;
        while (first < records) {
            int c = (int) (byClass[first] >>> 32);
            int end = first + 1;
            while (end < records && (int) (byClass[end] >>> 32) == c) {
                end++;
            }
            int from = first;
            choose(end - first, trainFraction, key(seed, c + 1L), position -> (int) byClass[from + position],
                    inTrain);
            first = end;
        }
        return of(records, inTrain);
    }

    /** The training records, ascending. */
    public RecordSubset train() {
        return train;
    }

    /** The validation records, ascending. */
    public RecordSubset validation() {
        return validation;
    }

    @Override
    public String toString() {
        return "Split[train " + train.size() + ", validation " + validation.size() + "]";
    }

    /** Marks {@code round(members * fraction)} of {@code members} records, picked by a permutation of them. */
    private static void choose(int members, double fraction, long key, IntUnaryOperator member, BitSet inTrain) {
        int chosen = (int) Math.round(members * fraction);
        Permutation order = new Permutation(members, key);
        for (int i = 0; i < chosen; i++) {
            inTrain.set(member.applyAsInt((int) order.apply(i)));
        }
    }

    private static Split of(int records, BitSet inTrain) {
        int[] train = new int[inTrain.cardinality()];
        int[] validation = new int[records - train.length];
        int t = 0;
        int v = 0;
        for (int record = 0; record < records; record++) {
            if (inTrain.get(record)) {
                train[t++] = record;
            } else {
                validation[v++] = record;
            }
        }
        return new Split(RecordSubset.wrap(train, limit(train)), RecordSubset.wrap(validation, limit(validation)));
    }

    private static int limit(int[] ascending) {
        return ascending.length == 0 ? 0 : ascending[ascending.length - 1] + 1;
    }

    private static void checkArguments(int records, double trainFraction) {
        if (records < 0) {
            throw new IllegalArgumentException("records must be at least 0, not " + records);
        }
        if (!(trainFraction >= 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("trainFraction must be in [0, 1], not " + trainFraction);
        }
    }

    /** The permutation key of one draw: unrelated to the epoch orders of a sequence with the same seed. */
    private static long key(long seed, long stream) {
        return EpochIndex.epochKey(seed ^ SALT ^ stream * 0x9E37_79B9_7F4A_7C15L, 0);
    }
}
