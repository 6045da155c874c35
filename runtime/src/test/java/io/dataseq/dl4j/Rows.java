package io.dataseq.dl4j;

import io.dataseq.RecordContext;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntPredicate;

/**
 * A reader of {@code records} rows of 8 features and a class in 0..2, whose values say which record they came from:
 * feature 0 is the record number, feature {@code i} is {@code record + i / 8}, plus, when augmenting, a jitter in
 * [0, 0.01) drawn from the record's own random numbers. Counts every read per (epoch, record).
 */
class Rows {
    static final int FEATURES = 8;
    static final int CLASSES = 3;
    static final int MAX_EPOCHS = 8;

    private final int records;
    private final boolean augment;
    private final IntPredicate failing;
    private final AtomicIntegerArray reads;

    Rows(int records, boolean augment, IntPredicate failing) {
        this.records = records;
        this.augment = augment;
        this.failing = failing;
        this.reads = new AtomicIntegerArray(records * MAX_EPOCHS);
    }

    Rows(int records) {
        this(records, false, record -> false);
    }

    int size() {
        return records;
    }

    float[] features(int record, RecordContext context) throws IOException {
        reads.incrementAndGet(context.epoch() * records + record);
        if (failing.test(record)) {
            throw new IOException("record " + record + " is corrupt");
        }
        float[] values = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            values[i] = record + i / 8f;
        }
        if (augment) {
            for (int i = 1; i < FEATURES; i++) {
                values[i] += (float) context.random().nextDouble(0, 0.01);
            }
        }
        return values;
    }

    int label(int record) {
        return record % CLASSES;
    }

    /** How often {@code record} was read in {@code epoch}. */
    int reads(int epoch, int record) {
        return reads.get(epoch * records + record);
    }
}
