package io.dataseq.dl4j;

import io.dataseq.RecordContext;

/**
 * A reader whose values say where they came from: features {@code [record, epoch, a, b]} and a target
 * {@code [record % 3, c]}, where {@code a, b, c} are 0, or, when augmenting, draws from the record's own random
 * numbers (so any dependence on the worker that read a record shows in the values). Every read first goes through
 * a {@link Hook}, which may throw (a corrupt record) or block (a stalled disk).
 */
final class Probe {
    static final int FEATURES = 4;
    static final int TARGETS = 2;

    /** Called before a record is read, on the thread that reads it. */
    @FunctionalInterface
    interface Hook {
        Hook NONE = (epoch, record) -> { };

        void reading(int epoch, int record) throws Exception;
    }

    /**
     * What a hook throws for a corrupt record: no stack trace, since property cases throw many of them and the
     * message says all there is.
     */
    static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        Corrupt(int epoch, int record) {
            super("record " + record + " is corrupt in epoch " + epoch, null, false, false);
        }
    }

    private final int records;
    private final boolean augment;
    private final Hook hook;

    Probe(int records, boolean augment, Hook hook) {
        this.records = records;
        this.augment = augment;
        this.hook = hook;
    }

    Probe(int records) {
        this(records, false, Hook.NONE);
    }

    int size() {
        return records;
    }

    float[] features(int record, RecordContext context) throws Exception {
        hook.reading(context.epoch(), record);
        float[] values = {record, context.epoch(), 0, 0};
        if (augment) {
            values[2] = (float) context.random().nextDouble();
            values[3] = (float) context.random().nextGaussian();
        }
        return values;
    }

    /** Read after {@link #features}, with its own context: its draw is its own, whatever the features drew. */
    float[] target(int record, RecordContext context) {
        return new float[] {record % 3, augment ? (float) context.random().nextDouble() : 0};
    }

    /** What an {@code @Describe} method would say: the file the record lives in. */
    static String describe(int record) {
        return "shard-" + record / 100 + ".csv, row " + record % 100;
    }
}
