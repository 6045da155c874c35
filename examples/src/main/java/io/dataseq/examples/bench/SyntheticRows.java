package io.dataseq.examples.bench;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;

/**
 * Records of 4,096 floats (16 KiB) made from their number, and a class: a store of many of them is larger than a
 * small heap many times over, which is what {@link StoreBenchmark}'s {@code -Xmx128m} epoch needs.
 */
@DataSequence(batchSize = 64)
public class SyntheticRows {
    /** Values per record. */
    public static final int VALUES = 4096;
    private final int size;

    /** {@code size} records. */
    public SyntheticRows(int size) {
        this.size = size;
    }

    @Size
    public int size() {
        return size;
    }

    @Features(shape = {VALUES})
    public float[] values(int record) {
        float[] values = new float[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = record + i / (float) VALUES;
        }
        return values;
    }

    @Label(classes = 10)
    public int kind(int record) {
        return record % 10;
    }
}
