package io.dataseq.dl4j;

import io.dataseq.Position;
import io.dataseq.index.ShardRemainder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordException;
import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.EngineClosedException;
import io.dataseq.SkippedRecord;
import io.dataseq.testing.WorkerThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

// A guard against a hang, not a timing assertion.
@Timeout(120)
class DataSetSequenceTest {

    @Test
    void describesItselfToDl4j() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(50)).workers(1).build()) {
            assertFalse(sequence.asyncSupported(), "DL4J must not wrap it in a second prefetch thread");
            assertTrue(sequence.resetSupported());
            assertEquals(16, sequence.batch());
            assertEquals(Rows.FEATURES, sequence.inputColumns());
            assertEquals(Rows.CLASSES, sequence.totalOutcomes());
            assertEquals(List.of("0", "1", "2"), sequence.getLabels());
            assertEquals(50, sequence.records());
            assertEquals(4, sequence.batchesPerEpoch());
            assertEquals(0, sequence.epoch());
            assertThrows(UnsupportedOperationException.class, () -> sequence.next(8));
        }
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 2})
    void deliversEveryRecordOnceThenThrowsNoSuchElement(int workers) {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(50)).workers(workers).build()) {
            List<Integer> records = new ArrayList<>();
            int batches = 0;
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                assertNotNull(batch);
                assertEquals(batches < 3 ? 16 : 2, batch.numExamples());
                assertArrayEquals(new long[] {batch.numExamples(), Rows.CLASSES}, batch.getLabels().shape());
                for (int row = 0; row < batch.numExamples(); row++) {
                    int record = recordOf(batch, row);
                    records.add(record);
                    assertEquals(1f, batch.getLabels().getFloat(row, record % Rows.CLASSES));
                    assertEquals(record + 7 / 8f, batch.getFeatures().getFloat(row, 7));
                }
                batches++;
            }
            assertEquals(IntStream.range(0, 50).boxed().toList(), records, "in record order without shuffle");
            assertFalse(sequence.hasNext());
            assertThrows(NoSuchElementException.class, sequence::next);
            assertThrows(NoSuchElementException.class, sequence::next, "again, never null");
            assertTrue(sequence.allocatedBuffers() <= sequence.prefetchSettings().window() + 1);
        }
    }

    @Test
    void resetAdvancesTheEpochAndReshuffles() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(100)).shuffle(true).seed(3).workers(2).build()) {
            List<Integer> first = epochRecords(sequence);
            sequence.reset();
            assertEquals(1, sequence.epoch());
            List<Integer> second = epochRecords(sequence);
            assertNotEquals(first, second, "a new epoch, a new order");
            assertEquals(IntStream.range(0, 100).boxed().toList(), sorted(first));
            assertEquals(IntStream.range(0, 100).boxed().toList(), sorted(second));

            sequence.reset();
            sequence.reset(); // nothing of epoch 2 was delivered: it has not ended
            assertEquals(2, sequence.epoch());
            sequence.next();
            sequence.next();
            sequence.reset(); // mid-epoch: ends epoch 2, and epoch 3 starts at its first batch
            assertEquals(3, sequence.epoch());
            assertEquals(100, epochRecords(sequence).size());
        }
    }

    @Test
    void theStartingEpochHasTheOrderARunThatGotThereWouldSee() {
        List<float[][]> reached;
        try (RowsSequence sequence = RowsSequence.builder(new Rows(40, true, record -> false))
                .shuffle(true).seed(5).workers(2).build()) {
            epochRecords(sequence);
            sequence.reset();
            epochRecords(sequence);
            sequence.reset();
            reached = epochFeatures(sequence);
        }
        try (RowsSequence resumed = RowsSequence.builder(new Rows(40, true, record -> false))
                .shuffle(true).seed(5).workers(2).resumeFrom(new Position(5, 2, 0)).build()) {
            assertEquals(2, resumed.epoch());
            assertBatchesEqual(reached, epochFeatures(resumed));
        }
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 1, 2, 8})
    void sameSeedGivesTheSameBatchesForAnyWorkerCount(int workers) {
        List<DataSet> reference = twoEpochs(0, 7);
        List<DataSet> batches = twoEpochs(workers, 7);
        assertEquals(reference.size(), batches.size());
        for (int i = 0; i < reference.size(); i++) {
            assertArrayEquals(reference.get(i).getFeatures().toFloatMatrix(),
                    batches.get(i).getFeatures().toFloatMatrix(), "features of batch " + i);
            assertArrayEquals(reference.get(i).getLabels().toFloatMatrix(),
                    batches.get(i).getLabels().toFloatMatrix(), "labels of batch " + i);
        }
        List<DataSet> otherSeed = twoEpochs(workers, 8);
        assertFalse(Arrays.deepEquals(reference.get(0).getFeatures().toFloatMatrix(),
                otherSeed.get(0).getFeatures().toFloatMatrix()), "another seed, other batches");
    }

    /** Two shuffled, augmented epochs, copied. */
    private static List<DataSet> twoEpochs(int workers, long seed) {
        List<DataSet> batches = new ArrayList<>();
        try (RowsSequence sequence = RowsSequence.builder(new Rows(90, true, record -> false))
                .shuffle(true).seed(seed).workers(workers).prefetch(3).copyBatches(true).build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                while (sequence.hasNext()) {
                    batches.add(sequence.next());
                }
                sequence.reset();
            }
        }
        return batches;
    }

    @ParameterizedTest(name = "copyBatches={0}")
    @ValueSource(booleans = {false, true})
    void aPreProcessorIsAppliedToEveryBatch(boolean copyBatches) {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(40)).workers(2).copyBatches(copyBatches)
                .build()) {
            DataSetPreProcessor doubling = dataSet -> dataSet.getFeatures().muli(2);
            sequence.setPreProcessor(doubling);
            assertSame(doubling, sequence.getPreProcessor());
            int expected = 0;
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                for (int row = 0; row < batch.numExamples(); row++, expected++) {
                    assertEquals(2f * expected, batch.getFeatures().getFloat(row, 0));
                    assertEquals(2f * (expected + 0.5f), batch.getFeatures().getFloat(row, 4));
                }
            }
            assertEquals(40, expected);
        }
    }

    @Test
    void copiedBatchesStayValidAfterLaterBatches() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(100)).workers(2).prefetch(2).copyBatches(true)
                .build()) {
            List<DataSet> kept = new ArrayList<>();
            while (sequence.hasNext()) {
                kept.add(sequence.next());
            }
            sequence.reset();
            epochRecords(sequence); // another epoch through the same reused buffers
            int record = 0;
            for (DataSet batch : kept) {
                for (int row = 0; row < batch.numExamples(); row++, record++) {
                    assertEquals(record, recordOf(batch, row));
                    assertEquals(1f, batch.getLabels().getFloat(row, record % Rows.CLASSES));
                }
            }
            assertEquals(100, record);
        }
    }

    @Test
    void closeLeavesNoWorkerThreadAlive() {
        int before = WorkerThreads.count();
        RowsSequence sequence = RowsSequence.builder(new Rows(200)).workers(4).prefetch(8).build();
        assertEquals(before + 4, WorkerThreads.count());
        sequence.next();
        sequence.next(); // leaves batches in flight
        sequence.close();
        assertEquals(before, WorkerThreads.count());
        assertThrows(EngineClosedException.class, sequence::next);
        sequence.close(); // idempotent
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 3})
    void failStopsWithAnErrorNamingTheRecord(int workers) {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(64, false, record -> record == 21))
                .workers(workers).build()) {
            sequence.next(); // records 0..15
            RecordException e = assertThrows(RecordException.class, sequence::next);
            assertEquals(21, e.record());
            assertTrue(e.getMessage().contains("record 21") && e.getMessage().contains("corrupt"), e.getMessage());
            assertNotNull(e.worker());
        }
    }

    @Test
    void skipLeavesFailingRecordsOutAndListsThem() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(64, false, record -> record % 10 == 3))
                .workers(2).onError(ErrorPolicy.SKIP).shuffle(true).build()) {
            List<Integer> delivered = epochRecords(sequence);
            Set<Integer> skipped = new HashSet<>();
            for (SkippedRecord record : sequence.skipped()) {
                assertEquals(0, record.epoch());
                skipped.add(record.record());
            }
            assertEquals(Set.of(3, 13, 23, 33, 43, 53, 63), skipped);
            assertEquals(64, delivered.size() + skipped.size());
            assertEquals(delivered.size(), new HashSet<>(delivered).size());
            assertTrue(delivered.stream().noneMatch(skipped::contains));
        }
    }

    @Test
    void dropLastDeliversOnlyFullBatches() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(50)).dropLast(true).workers(1).build()) {
            assertEquals(3, sequence.batchesPerEpoch());
            int batches = 0;
            while (sequence.hasNext()) {
                assertEquals(16, sequence.next().numExamples());
                batches++;
            }
            assertEquals(3, batches);
        }
    }

    @Test
    void concurrentConsumersShareOneEpoch() throws InterruptedException {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(400)).batchSize(8).workers(3).copyBatches(true)
                .build()) {
            sequence.hasNext(); // starts the epoch once, before the consumers race
            List<Integer> records = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> consumers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                Thread consumer = new Thread(() -> {
                    try {
                        go.await();
                        while (true) {
                            DataSet batch;
                            try {
                                batch = sequence.next();
                            } catch (NoSuchElementException end) {
                                return;
                            }
                            synchronized (records) {
                                for (int row = 0; row < batch.numExamples(); row++) {
                                    records.add(recordOf(batch, row));
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }, "consumer-" + c);
                consumers.add(consumer);
                consumer.start();
            }
            go.countDown();
            for (Thread consumer : consumers) {
                consumer.join();
            }
            assertNull(failure.get());
            assertEquals(IntStream.range(0, 400).boxed().toList(), sorted(records));
        }
    }

    @Test
    void autoSettingsStartSmallAndBadOnesAreRejected() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(10)).build()) {
            assertEquals(1, sequence.prefetchSettings().workers(), "AUTO starts from one worker");
            assertEquals(1, sequence.prefetchSettings().window(), "and a window of one batch per worker");
        }
        try (RowsSequence sequence = RowsSequence.builder(new Rows(10)).workers(3).build()) {
            assertEquals(3, sequence.prefetchSettings().window(), "AUTO prefetch starts from one batch per worker");
        }
        assertThrows(IllegalArgumentException.class, () -> RowsSequence.builder(new Rows(10)).prefetchMemory(0));
        assertThrows(IllegalArgumentException.class, () -> RowsSequence.builder(new Rows(10)).batchSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> RowsSequence.builder(new Rows(10)).workers(-2).build());
        assertThrows(IllegalArgumentException.class, () -> RowsSequence.builder(new Rows(10)).prefetch(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> RowsSequence.builder(new Rows(10)).prefetch(DataSequence.AUTO - 1).build());
        assertThrows(IllegalArgumentException.class, () -> new Position(0, -1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RowsSequence.builder(new Rows(10)).seed(1).resumeFrom(new Position(2, 0, 0)).build());
        assertThrows(IllegalArgumentException.class, () -> RowsSequence.builder(new Rows(10)).shard(2, 2, ShardRemainder.PAD));
    }

    @Test
    void anEmptyReaderHasNoBatches() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(0)).workers(1).build()) {
            assertFalse(sequence.hasNext());
            assertThrows(NoSuchElementException.class, sequence::next);
        }
    }

    static int recordOf(DataSet batch, int row) {
        return (int) batch.getFeatures().getFloat(row, 0);
    }

    /** The records of the rest of the current epoch, in delivery order. */
    static List<Integer> epochRecords(DataSetSequence sequence) {
        List<Integer> records = new ArrayList<>();
        while (sequence.hasNext()) {
            DataSet batch = sequence.next();
            for (int row = 0; row < batch.numExamples(); row++) {
                records.add(recordOf(batch, row));
            }
        }
        return records;
    }

    private static List<float[][]> epochFeatures(DataSetSequence sequence) {
        List<float[][]> batches = new ArrayList<>();
        while (sequence.hasNext()) {
            INDArray features = sequence.next().getFeatures();
            batches.add(features.toFloatMatrix());
        }
        return batches;
    }

    private static void assertBatchesEqual(List<float[][]> expected, List<float[][]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "batch " + i);
        }
    }

    private static List<Integer> sorted(List<Integer> values) {
        List<Integer> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
