package io.dataseq.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordException;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A sequence over a reader that holds an {@link Hdf5Rows}: every row exactly once per shuffled epoch, with its
 * own values, whatever the worker count, shared or per-worker readers, rows returned or written directly.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class Hdf5SequenceTest {
    private static final int RECORDS = 1_000; // 15 full batches of 64 and one of 40
    private static final int LENGTH = 33;
    private static final int EPOCHS = 2;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} workers, {1} readers, {2}")
    @CsvSource({
        "1, shared, float[]", "2, shared, float[]", "4, shared, float[]",
        "1, per-worker, direct", "2, per-worker, direct", "4, per-worker, direct",
        "4, shared, direct", "4, per-worker, float[]"})
    void everyRowOnceAnEpochWithItsValues(int workers, String readers, String binding) {
        Path file = Hdf5RowsTest.writeFloats(dir.resolve("vectors.h5"), Vectors.DATASET, RECORDS, LENGTH);
        List<Vectors> opened = Collections.synchronizedList(new ArrayList<>());
        boolean perWorker = readers.equals("per-worker");
        ReaderSource<Vectors> source = perWorker
                ? ReaderSource.perWorker(() -> opened(opened, new Vectors(file)))
                : ReaderSource.shared(opened(opened, new Vectors(file)));
        List<int[]> orders = new ArrayList<>();
        try (VectorsSequence sequence = VectorsSequence.builder(source, LENGTH, binding.equals("direct"))
                .shuffle(true).seed(11).workers(workers).prefetch(2 * workers).build()) {
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                orders.add(readEpoch(sequence, "epoch " + epoch));
                sequence.reset();
            }
            assertTrue(sequence.allocatedBuffers() <= 2 * workers + 1, "buffers " + sequence.allocatedBuffers());
        } finally {
            opened.forEach(Vectors::close);
        }
        assertFalse(isIdentity(orders.get(0)), "shuffled");
        assertFalse(Arrays.equals(orders.get(0), orders.get(1)), "each epoch its own order");
        int expectedReaders = perWorker ? workers + 1 : 1;
        assertTrue(opened.size() >= (perWorker ? 2 : 1) && opened.size() <= expectedReaders,
                opened.size() + " readers opened");
    }

    @Test
    void aDirectMethodCannotWritePastItsRow() {
        Path file = Hdf5RowsTest.writeFloats(dir.resolve("vectors.h5"), Vectors.DATASET, 100, 4);
        ReaderBinding<Vectors> overflowing = ReaderBinding.<Vectors>builder()
                .size(Vectors::size)
                .directFeatures("vector", new int[] {4}, (reader, record, context, row) -> {
                    reader.features(record, row);
                    if (record == 42) {
                        row.put(4, -1f); // the first value of the next row
                    }
                })
                .build();
        try (Vectors vectors = new Vectors(file);
                VectorsSequence sequence = VectorsSequence.builder(overflowing, ReaderSource.shared(vectors))
                        .workers(2).build()) {
            RecordException e = assertThrows(RecordException.class, () -> {
                while (sequence.hasNext()) {
                    sequence.next();
                }
            });
            assertEquals(42, e.record());
            assertInstanceOf(IndexOutOfBoundsException.class, e.getCause());
        }
    }

    /**
     * A dataset whose rows are shorter than the declared shape fails its first record under FAIL, naming the file,
     * the dataset and the record, instead of delivering rows whose last values are an earlier batch's.
     */
    @Test
    void aDatasetOfShorterRowsThanDeclaredFailsInsteadOfLeavingStaleValues() {
        Path file = Hdf5RowsTest.writeFloats(dir.resolve("vectors.h5"), Vectors.DATASET, 100, LENGTH - 3);
        try (Vectors vectors = new Vectors(file);
                VectorsSequence sequence = VectorsSequence.builder(ReaderSource.shared(vectors), LENGTH, true)
                        .workers(0).build()) {
            RecordException e = assertThrows(RecordException.class, sequence::next);
            assertEquals(0, e.record());
            assertInstanceOf(Hdf5Exception.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("record 0 of dataset '" + Vectors.DATASET + "' in " + file
                    + " has " + (LENGTH - 3) + " values"), e.getCause().getMessage());
        }
    }

    /** Reads the rest of the epoch, checks every row, and returns the records in the order delivered. */
    private static int[] readEpoch(VectorsSequence sequence, String where) {
        int[] order = new int[RECORDS];
        BitSet seen = new BitSet(RECORDS);
        int delivered = 0;
        while (sequence.hasNext()) {
            DataSet batch = sequence.next();
            INDArray features = batch.getFeatures();
            INDArray labels = batch.getLabels();
            for (int row = 0; row < batch.numExamples(); row++) {
                int record = (int) features.getFloat(row, 0);
                assertFalse(seen.get(record), where + ": record " + record + " delivered twice");
                seen.set(record);
                order[delivered++] = record;
                for (int i = 0; i < LENGTH; i++) {
                    assertEquals(Hdf5RowsTest.value(record, i), features.getFloat(row, i),
                            where + ", record " + record + ", value " + i);
                }
                assertEquals(1f, labels.getFloat(row, record % Vectors.CLASSES), where + ", label of " + record);
                assertEquals(1f, labels.getRow(row).sumNumber().floatValue(), where + ", one-hot " + record);
            }
        }
        assertEquals(RECORDS, delivered, where);
        assertEquals(RECORDS, seen.cardinality(), where);
        return order;
    }

    private static Vectors opened(List<Vectors> opened, Vectors vectors) {
        opened.add(vectors);
        return vectors;
    }

    private static boolean isIdentity(int[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }
}
