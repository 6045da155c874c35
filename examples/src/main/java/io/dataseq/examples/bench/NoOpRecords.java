package io.dataseq.examples.bench;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Size;

/** A reader that does no work: one float per record, so that a batch costs only the engine's overhead. */
@DataSequence(batchSize = 64)
public class NoOpRecords {
    private static final float[] VALUE = {1f};
    private final int size;

    /** {@code size} records. */
    public NoOpRecords(int size) {
        this.size = size;
    }

    @Size
    public int size() {
        return size;
    }

    @Features(shape = {1})
    public float[] value(int record) {
        return VALUE;
    }
}
