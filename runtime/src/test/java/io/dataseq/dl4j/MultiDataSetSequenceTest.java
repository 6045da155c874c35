package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.Position;
import io.dataseq.RecordException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.SkippedRecord;
import io.dataseq.testing.WorkerThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The multi-input, multi-output iterator: arrays in declared order with each record's values, the same bits for any
 * worker count, the error policies, resume, and the iterator contract, by the code {@link DataSetSequence} uses.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class MultiDataSetSequenceTest {

    @Test
    void inputsAndOutputsComeInDeclaredOrderWithEachRecordsValues() {
        try (PairsSequence sequence = PairsSequence.builder(new Pairs(10, false, record -> false))
                .batchSize(4).workers(2).build()) {
            assertEquals(List.of("coordinates", "context"), sequence.inputNames());
            assertEquals(List.of("kind", "tags", "value", "mask"), sequence.outputNames());
            assertFalse(sequence.asyncSupported());
            assertTrue(sequence.resetSupported());

            List<Integer> seen = new ArrayList<>();
            while (sequence.hasNext()) {
                MultiDataSet batch = sequence.next();
                assertEquals(2, batch.getFeatures().length);
                assertEquals(4, batch.getLabels().length);
                assertNull(batch.getFeaturesMaskArrays());
                assertNull(batch.getLabelsMaskArrays());
                for (int row = 0; row < batch.getFeatures(0).rows(); row++) {
                    int record = (int) batch.getFeatures(0).getFloat(row, 0);
                    seen.add(record);
                    assertRow(record, batch, row);
                }
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen);
            assertThrows(NoSuchElementException.class, sequence::next);
        }
    }

    private static void assertRow(int record, MultiDataSet batch, int row) {
        assertArrayEquals(new float[] {record, record + 0.5f}, batch.getFeatures(0).getRow(row).toFloatVector());
        assertArrayEquals(new float[] {-record, 1, 2}, batch.getFeatures(1).getRow(row).toFloatVector());
        float[] oneHot = new float[Pairs.CLASSES];
        oneHot[record % Pairs.CLASSES] = 1;
        assertArrayEquals(oneHot, batch.getLabels(0).getRow(row).toFloatVector(), "one-hot class");
        float[] tags = batch.getLabels(1).getRow(row).toFloatVector();
        assertEquals(2f, tags[0] + tags[1] + tags[2] + tags[3], "two 1s of a multi-label target");
        assertEquals(1f, tags[record % Pairs.TAGS]);
        assertArrayEquals(new float[] {record / 10f}, batch.getLabels(2).getRow(row).toFloatVector());
        INDArray mask = batch.getLabels(3);
        assertArrayEquals(new long[] {batch.getFeatures(0).rows(), 1, 2, 2}, mask.shape());
        // Nearest-neighbour: the left column keeps the class number exactly, the right one 0; nothing blended.
        float kind = record % Pairs.CLASSES;
        assertArrayEquals(new float[] {kind, 0, kind, 0}, mask.slice(row).dup().reshape(4).toFloatVector());
    }

    @Test
    void oneAndThreeWorkersDeliverTheSameBitsOverShuffledAugmentedEpochs() {
        List<String> one = epochs(1);
        assertEquals(epochs(3), one);
        assertEquals(epochs(0), one);
        assertFalse(one.get(0).equals(one.get(1)), "each epoch has its own order and draws");
    }

    private static List<String> epochs(int workers) {
        List<String> epochs = new ArrayList<>();
        try (PairsSequence sequence = PairsSequence.builder(new Pairs(53, true, record -> false))
                .batchSize(5).shuffle(true).seed(77).workers(workers).build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                StringBuilder bits = new StringBuilder();
                while (sequence.hasNext()) {
                    bits.append(bits(sequence.next())).append('|');
                }
                epochs.add(bits.toString());
                sequence.reset();
            }
        }
        return epochs;
    }

    private static String bits(MultiDataSet batch) {
        return Arrays.stream(batch.getFeatures()).map(MultiDataSetSequenceTest::bits).collect(Collectors.joining(","))
                + ";" + Arrays.stream(batch.getLabels()).map(MultiDataSetSequenceTest::bits)
                        .collect(Collectors.joining(","));
    }

    private static String bits(INDArray array) {
        float[] values = array.dup('c').reshape(array.length()).toFloatVector();
        StringBuilder text = new StringBuilder();
        for (float value : values) {
            text.append(Integer.toHexString(Float.floatToRawIntBits(value))).append(' ');
        }
        return text.toString();
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 1, 3})
    void everyRecordIsReadOncePerEpochAndSkipsAreReported(int workers) {
        // Records 4..7 are a whole batch of failures: hasNext() passes over it.
        Pairs pairs = new Pairs(20, false, record -> record >= 4 && record < 8 || record == 13);
        try (PairsSequence sequence = PairsSequence.builder(pairs).batchSize(4).workers(workers)
                .onError(ErrorPolicy.SKIP).build()) {
            int rows = 0;
            int batches = 0;
            while (sequence.hasNext()) {
                MultiDataSet batch = sequence.next();
                assertTrue(batch.getFeatures(0).rows() > 0, "no empty batch");
                assertEquals(batch.getFeatures(0).rows(), batch.getLabels(3).size(0), "every array has the rows");
                rows += batch.getFeatures(0).rows();
                batches++;
            }
            assertEquals(15, rows);
            assertEquals(4, batches);
            assertEquals(List.of(4, 5, 6, 7, 13),
                    sequence.skipped().stream().map(SkippedRecord::record).collect(Collectors.toList()));
            for (int record = 0; record < 20; record++) {
                assertEquals(1, pairs.reads(0, record), "record " + record);
            }
        }
    }

    @Test
    void failNamesTheRecord() {
        try (PairsSequence sequence = PairsSequence.builder(new Pairs(12, false, record -> record == 6))
                .batchSize(4).workers(2).build()) {
            sequence.next();
            RecordException failure = assertThrows(RecordException.class, sequence::next);
            assertEquals(6, failure.record());
            assertFalse(sequence.hasNext(), "FAIL stops the epoch");
            assertEquals(1, sequence.position().batch(), "a resume reads the failed batch again");
        }
    }

    @Test
    void resumesWhereItStopped() {
        List<String> whole = new ArrayList<>();
        Position stop;
        try (PairsSequence sequence = PairsSequence.builder(new Pairs(30, true, record -> false))
                .batchSize(4).shuffle(true).seed(5).workers(2).build()) {
            for (int i = 0; i < 3; i++) {
                whole.add(bits(sequence.next()));
            }
            stop = sequence.position();
            while (sequence.hasNext()) {
                whole.add(bits(sequence.next()));
            }
        }
        List<String> resumed = new ArrayList<>(whole.subList(0, 3));
        try (PairsSequence sequence = PairsSequence.builder(new Pairs(30, true, record -> false))
                .batchSize(4).shuffle(true).seed(5).workers(3).resumeFrom(stop).build()) {
            while (sequence.hasNext()) {
                resumed.add(bits(sequence.next()));
            }
        }
        assertEquals(whole, resumed);
    }

    @Test
    void copiesOutliveTheNextBatchAndThePreProcessorRunsOnEach() {
        try (PairsSequence sequence = PairsSequence.builder(new Pairs(8, false, record -> false))
                .batchSize(4).workers(1).copyBatches(true).build()) {
            sequence.setPreProcessor(batch -> batch.getFeatures(1).addi(100));
            MultiDataSet first = sequence.next();
            sequence.next();
            assertEquals(0f, first.getFeatures(0).getFloat(0, 0));
            assertEquals(101f, first.getFeatures(1).getFloat(0, 1), "context {-0, 1, 2} + 100");
            assertThrows(UnsupportedOperationException.class, () -> sequence.next(2));
        }
    }

    @Test
    void closeJoinsEveryWorker() {
        int before = WorkerThreads.count();
        PairsSequence sequence = PairsSequence.builder(new Pairs(8, false, record -> false)).workers(3).build();
        assertEquals(before + 3, WorkerThreads.count());
        sequence.next();
        sequence.close();
        assertFalse(sequence.hasNext());
        assertEquals(before, WorkerThreads.count(), "worker threads left after close()");
    }
}
