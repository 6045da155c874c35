package io.dataseq.hdf5;

import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * A reader as a user would write one over an HDF5 file of vectors {@code [records, length]} written by
 * {@link Hdf5RowsTest#writeFloats}: its features are the rows, its class is {@code record % CLASSES}. Holds one
 * {@link Hdf5Rows}, shared by every worker or one per worker.
 */
final class Vectors implements AutoCloseable {
    static final String DATASET = "vectors";
    static final int CLASSES = 10;

    private final Hdf5Rows rows;

    Vectors(Path file) {
        this.rows = Hdf5Rows.open(file, DATASET);
    }

    int size() {
        return rows.records();
    }

    int length() {
        return rows.rowLength();
    }

    /** The {@code @Features} method returning an array. */
    float[] features(int record) {
        return rows.read(record);
    }

    /** The same features written straight into the batch. */
    void features(int record, FloatBuffer row) {
        rows.read(record, row);
    }

    int label(int record) {
        return record % CLASSES;
    }

    @Override
    public void close() {
        rows.close();
    }
}
