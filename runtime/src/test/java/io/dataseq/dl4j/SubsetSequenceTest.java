package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.Position;
import io.dataseq.index.RecordSubset;
import io.dataseq.index.ShardRemainder;
import io.dataseq.index.Split;
import io.dataseq.testing.WorkerThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A sequence over a subset delivers exactly the subset each epoch, through the real threads. */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class SubsetSequenceTest {
    private static final int RECORDS = 100;
    private static final int EPOCHS = 3;

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 1, 3})
    void eachEpochReadsEachRecordOfTheSubsetOnceAndNoOther(int workers) {
        int threadsBefore = WorkerThreads.count();
        Rows rows = new Rows(RECORDS);
        RecordSubset train = Split.seeded(RECORDS, 0.7, 5).train();
        try (RowsSequence sequence = RowsSequence.builder(rows).subset(train).shuffle(true).seed(9)
                .workers(workers).build()) {
            assertEquals(70, sequence.records());
            assertEquals(train, sequence.subset());
            assertEquals(5, sequence.batchesPerEpoch(), "70 records in batches of 16");
            List<int[]> orders = new ArrayList<>();
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                List<Integer> delivered = new ArrayList<>();
                while (sequence.hasNext()) {
                    for (int record : Batches.records(sequence.next())) {
                        delivered.add(record);
                    }
                }
                sequence.reset();
                int[] order = delivered.stream().mapToInt(Integer::intValue).toArray();
                orders.add(order);
                int[] sorted = order.clone();
                Arrays.sort(sorted);
                assertArrayEquals(train.toArray(), sorted, "epoch " + epoch + " delivers exactly the subset");
            }
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                for (int record = 0; record < RECORDS; record++) {
                    assertEquals(Arrays.binarySearch(train.toArray(), record) >= 0 ? 1 : 0, rows.reads(epoch, record),
                            "reads of record " + record + " in epoch " + epoch);
                }
            }
            assertTrue(!Arrays.equals(orders.get(0), orders.get(1)), "each epoch has its own order");
        }
        assertEquals(threadsBefore, WorkerThreads.count());
    }

    @Test
    void theBatchesOverASubsetAreTheSameForAnyWorkerCount() {
        RecordSubset validation = Split.seeded(RECORDS, 0.7, 5).validation();
        List<List<Batches>> runs = new ArrayList<>();
        for (int workers : new int[] {0, 1, 4}) {
            try (RowsSequence sequence = RowsSequence.builder(new Rows(RECORDS, true, record -> false))
                    .subset(validation).shuffle(true).seed(3).batchSize(7).workers(workers).build()) {
                List<Batches> batches = new ArrayList<>(Batches.restOfEpoch(sequence));
                sequence.reset();
                batches.addAll(Batches.restOfEpoch(sequence));
                runs.add(batches);
            }
        }
        Batches.assertSameBits(runs.get(0), runs.get(1), "1 worker against the caller's thread");
        Batches.assertSameBits(runs.get(0), runs.get(2), "4 workers against the caller's thread");
    }

    @Test
    void withoutShuffleASubsetIsReadInItsOwnOrder() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(10)).subset(RecordSubset.of(9, 3, 7, 1, 4))
                .shuffle(false).batchSize(2).workers(2).build()) {
            assertArrayEquals(new int[] {9, 3}, Batches.records(sequence.next()));
            assertArrayEquals(new int[] {7, 1}, Batches.records(sequence.next()));
            assertArrayEquals(new int[] {4}, Batches.records(sequence.next()));
            assertTrue(!sequence.hasNext());
        }
    }

    @Test
    void aResumedSequenceOverASubsetDeliversWhatTheInterruptedOneHadNot() {
        RecordSubset train = Split.stratified(RECORDS, record -> record % 3, 0.6, 11).train();
        List<Batches> uninterrupted = new ArrayList<>();
        try (RowsSequence sequence = RowsSequence.builder(new Rows(RECORDS, true, record -> false)).subset(train)
                .shuffle(true).seed(21).batchSize(8).workers(2).build()) {
            uninterrupted.addAll(Batches.restOfEpoch(sequence));
            sequence.reset();
            uninterrupted.addAll(Batches.restOfEpoch(sequence));
        }
        Position saved;
        List<Batches> resumed = new ArrayList<>();
        try (RowsSequence first = RowsSequence.builder(new Rows(RECORDS, true, record -> false)).subset(train)
                .shuffle(true).seed(21).batchSize(8).workers(2).build()) {
            resumed.add(Batches.of(first.next()));
            resumed.add(Batches.of(first.next()));
            resumed.add(Batches.of(first.next()));
            saved = first.position();
        }
        assertEquals(new Position(21, 0, 3), saved);
        try (RowsSequence second = RowsSequence.builder(new Rows(RECORDS, true, record -> false)).subset(train)
                .shuffle(true).seed(21).batchSize(8).workers(3).resumeFrom(saved).build()) {
            resumed.addAll(Batches.restOfEpoch(second));
            second.reset();
            resumed.addAll(Batches.restOfEpoch(second));
        }
        Batches.assertSameBits(uninterrupted, resumed, "resumed over a subset");
    }

    @Test
    void theShardsOfASubsetSplitItBetweenThem() {
        RecordSubset train = Split.seeded(RECORDS, 0.5, 2).train();
        int[] times = new int[RECORDS];
        for (int rank = 0; rank < 3; rank++) {
            try (RowsSequence shard = RowsSequence.builder(new Rows(RECORDS)).subset(train).shuffle(true).seed(4)
                    .shard(rank, 3, ShardRemainder.DROP).workers(1).build()) {
                while (shard.hasNext()) {
                    for (int record : Batches.records(shard.next())) {
                        times[record]++;
                    }
                }
            }
        }
        int delivered = Arrays.stream(times).sum();
        assertEquals(48, delivered, "50 records in 3 shards, the last 2 of the order dropped");
        for (int record = 0; record < RECORDS; record++) {
            assertTrue(times[record] <= (Arrays.binarySearch(train.toArray(), record) >= 0 ? 1 : 0),
                    "record " + record + " read " + times[record] + " times");
        }
    }

    @Test
    void aSubsetThatDoesNotFitTheReaderIsRefusedAtBuild() {
        RowsSequence.Builder builder = RowsSequence.builder(new Rows(10)).subset(RecordSubset.of(2, 10, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals("the subset holds record 10, but the reader has only 10 records: a subset must come from the"
                + " reader it is used with", e.getMessage());
    }

    @Test
    void anEmptySubsetHasNoBatches() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(10)).subset(RecordSubset.of()).workers(1).build()) {
            assertEquals(0, sequence.batchesPerEpoch());
            assertTrue(!sequence.hasNext());
        }
    }
}
