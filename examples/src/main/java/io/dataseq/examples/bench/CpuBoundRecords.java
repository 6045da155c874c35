package io.dataseq.examples.bench;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Size;

/**
 * A reader whose records cost CPU time to compute, like decoding does, but read no file: it shows how the workers
 * scale with cores, free of disk and page-cache effects.
 */
@DataSequence(batchSize = 32)
public class CpuBoundRecords {
    private final int size;
    private final int workPerRecord;

    /** {@code size} records, each computed by {@code workPerRecord} rounds of arithmetic. */
    public CpuBoundRecords(int size, int workPerRecord) {
        this.size = size;
        this.workPerRecord = workPerRecord;
    }

    @Size
    public int size() {
        return size;
    }

    @Features(shape = {16})
    public float[] values(int record) {
        return compute(record, workPerRecord);
    }

    /** The work of one record, also called directly by the benchmark's baseline. */
    static float[] compute(int record, int work) {
        float[] values = new float[16];
        long state = record * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < work; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            values[i & 15] += (state & 0xFFFF) / 65536f;
        }
        return values;
    }
}
