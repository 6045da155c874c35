package io.dataseq.hdf5;

import io.dataseq.internal.ReaderSource;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The child JVM of {@link LargeHdf5EpochTest}: writes an HDF5 file of {@code records} rows of {@link #LENGTH}
 * floats in slabs, reads one shuffled epoch of it through a {@link VectorsSequence} whose rows HDF5 writes straight
 * into the batches, checks every batch, and prints one line, {@code RESULT key=value ...}, for the parent to judge.
 * Exits 0 when every check passed, 1 with a stack trace otherwise.
 *
 * <p>Arguments: {@code file records workers prefetch}.
 */
final class LargeHdf5Epoch {
    static final String RESULT = "RESULT ";
    /** Values per row: 18,000 bytes as float32, one row per chunk. */
    static final int LENGTH = 4_500;

    private static final int SLAB_ROWS = 256; // 4.6 MB written at a time
    private static final int[] SAMPLED_VALUES = {1, 2, LENGTH / 2, LENGTH - 1};

    private final Runtime runtime = Runtime.getRuntime();
    private long peakHeapUsed;

    private LargeHdf5Epoch() {}

    public static void main(String[] args) {
        try {
            Path file = Paths.get(args[0]);
            int records = Integer.parseInt(args[1]);
            int workers = Integer.parseInt(args[2]);
            int prefetch = Integer.parseInt(args[3]);
            System.out.println(RESULT + new LargeHdf5Epoch().run(file, records, workers, prefetch));
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private String run(Path file, int records, int workers, int prefetch) {
        Map<String, Object> result = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (Hdf5Writer writer = Hdf5Writer.create(file, Vectors.DATASET, Hdf5Writer.Type.FLOAT32, records,
                LENGTH)) {
            for (int first = 0; first < records; first += SLAB_ROWS) {
                writer.write(first, Hdf5RowsTest.rows(first, Math.min(SLAB_ROWS, records - first), LENGTH));
                peakHeapUsed = Math.max(peakHeapUsed, runtime.totalMemory() - runtime.freeMemory());
            }
        }
        result.put("fileBytes", file.toFile().length());
        result.put("writeSeconds", seconds(started));

        started = System.nanoTime();
        try (Vectors vectors = new Vectors(file);
                VectorsSequence sequence = VectorsSequence.builder(ReaderSource.shared(vectors), LENGTH, true)
                        .shuffle(true).seed(42).workers(workers).prefetch(prefetch).build()) {
            result.put("records", readEpoch(sequence, records));
            result.put("allocatedBuffers", sequence.allocatedBuffers());
        }
        result.put("readSeconds", seconds(started));
        result.put("heapMaxBytes", runtime.maxMemory());
        result.put("heapPeakUsedBytes", peakHeapUsed);
        // The process's resident memory, heap and off-heap together: the batch buffers are not in the heap figures.
        result.put("residentBytes", Pointer.physicalBytes());
        StringJoiner line = new StringJoiner(" ");
        result.forEach((key, value) -> line.add(key + "=" + value));
        return line.toString();
    }

    /** Reads one epoch and checks it; returns the number of rows delivered. */
    private int readEpoch(VectorsSequence sequence, int records) {
        BitSet seen = new BitSet(records);
        int delivered = 0;
        int batches = 0;
        boolean shuffled = false;
        while (sequence.hasNext()) {
            DataSet batch = sequence.next();
            INDArray features = batch.getFeatures();
            INDArray labels = batch.getLabels();
            int rows = batch.numExamples();
            String where = "batch " + batches;
            check(rows > 0 && rows <= sequence.batch(), where + " has " + rows + " rows");
            for (int row = 0; row < rows; row++) {
                int record = (int) features.getFloat(row, 0);
                if (record < 0 || record >= records || seen.get(record)) { // not check(): no message built per row
                    throw new IllegalStateException(
                            where + ", row " + row + ": record " + record + " is out of range or delivered twice");
                }
                seen.set(record);
                shuffled |= record != delivered + row;
            }
            for (int row : new int[] {0, rows / 2, rows - 1}) {
                int record = (int) features.getFloat(row, 0);
                for (int i : SAMPLED_VALUES) {
                    float expected = Hdf5RowsTest.value(record, i);
                    float actual = features.getFloat(row, i);
                    check(actual == expected, where + ", row " + row + " (record " + record + "), value " + i
                            + ": " + actual + ", expected " + expected);
                }
                check(labels.getFloat(row, record % Vectors.CLASSES) == 1f,
                        where + ", row " + row + " (record " + record + "): label " + labels.getRow(row));
            }
            delivered += rows;
            batches++;
            peakHeapUsed = Math.max(peakHeapUsed, runtime.totalMemory() - runtime.freeMemory());
        }
        check(seen.cardinality() == delivered, delivered + " rows of " + seen.cardinality() + " distinct records");
        check(shuffled, "the epoch is not shuffled");
        return delivered;
    }

    private static String seconds(long started) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9);
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
