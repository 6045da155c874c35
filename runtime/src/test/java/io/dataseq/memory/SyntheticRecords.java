package io.dataseq.memory;

/**
 * A reader whose records exist nowhere until they are read: record {@code r} is computed when asked for, so a
 * dataset many times the heap costs no disk, and no memory beyond the records being read. Every value says where
 * it came from: value {@code i} of record {@code r} is {@link #value(int, int)}, and its class is
 * {@code r % CLASSES}.
 */
final class SyntheticRecords {
    /** Values per record: 18,000 bytes as float32, so a batch of 64 is a buffer of about 1.1 MiB. */
    static final int VALUES = 4_500;
    static final int CLASSES = 10;

    private final int records;

    SyntheticRecords(int records) {
        this.records = records;
    }

    /** Value {@code i} of {@code record}; value 0 is the record number itself (exact in a float up to 2^24). */
    static float value(int record, int i) {
        return record + i * 1e-3f;
    }

    int size() {
        return records;
    }

    float[] features(int record) {
        float[] row = new float[VALUES];
        for (int i = 0; i < VALUES; i++) {
            row[i] = value(record, i);
        }
        return row;
    }

    int label(int record) {
        return record % CLASSES;
    }
}
