package io.dataseq.examples.hdf5;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import io.dataseq.hdf5.Hdf5Rows;
import io.dataseq.hdf5.Hdf5Writer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A random access reader over two HDF5 files: {@code rows.h5} (float32 {@code [records, 16]}) and
 * {@code labels.h5} (int32 {@code [records]}). Its features method writes each row straight into the batch. Only
 * the rows of the batches in flight are ever read; one shared
 * instance serves every worker (the HDF5 calls hold one global lock, see docs/hdf5.md). {@link #write} makes such
 * files: points around one of {@link #CLASSES} centres each.
 */
@DataSequence(batchSize = 32, shuffle = true, seed = 7)
public final class Clusters implements AutoCloseable {
    public static final int FEATURES = 16;
    public static final int CLASSES = 4;

    private final Hdf5Rows rows;
    private final Hdf5Rows labels;

    public Clusters(Path folder) {
        this.rows = Hdf5Rows.open(folder.resolve("rows.h5"), "rows");
        this.labels = Hdf5Rows.open(folder.resolve("labels.h5"), "labels");
    }

    @Size
    public int size() {
        return rows.records();
    }

    /**
     * Has HDF5 write the record's row straight into its row of the batch: no {@code float[]} per record, and no copy
     * from one into the batch.
     */
    @Features(shape = {FEATURES})
    public void row(int record, FloatBuffer row) {
        rows.read(record, row);
    }

    @Label(classes = CLASSES)
    public int label(int record) {
        return (int) labels.read(record)[0];
    }

    @Override
    public void close() {
        rows.close();
        labels.close();
    }

    /**
     * Writes {@code records} noisy points of {@code FEATURES} values, each near the centre of its class (drawn from
     * {@code seed}), into {@code folder}/rows.h5 and labels.h5, in slabs of 256 records.
     */
    public static void write(Path folder, int records, long seed) throws java.io.IOException {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[CLASSES][FEATURES];
        for (float[] centre : centres) {
            for (int i = 0; i < FEATURES; i++) {
                centre[i] = (float) random.nextDouble(-1, 1);
            }
        }
        int slab = 256;
        try (Hdf5Writer rowWriter = Hdf5Writer.create(folder.resolve("rows.h5"), "rows", Hdf5Writer.Type.FLOAT32,
                        records, FEATURES);
                Hdf5Writer labelWriter = Hdf5Writer.create(folder.resolve("labels.h5"), "labels",
                        Hdf5Writer.Type.INT32, records)) {
            for (int first = 0; first < records; first += slab) {
                int count = Math.min(slab, records - first);
                float[] values = new float[count * FEATURES];
                int[] classes = new int[count];
                for (int r = 0; r < count; r++) {
                    classes[r] = random.nextInt(CLASSES);
                    for (int i = 0; i < FEATURES; i++) {
                        values[r * FEATURES + i] = centres[classes[r]][i] + (float) (random.nextGaussian() * 1.2);
                    }
                }
                rowWriter.write(first, values);
                labelWriter.write(first, classes);
            }
        }
    }
}
