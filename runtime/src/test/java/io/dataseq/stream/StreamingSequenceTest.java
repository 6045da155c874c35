package io.dataseq.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.dl4j.PrefetchingIterator;
import io.dataseq.RecordException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.testing.WorkerThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The behaviours of a streaming sequence one at a time: endless sources, pacing, failures, epochs, shutdown. */
@Timeout(120)
class StreamingSequenceTest {

    @Test
    void stepsPerEpochCutsAnEndlessSourceIntoEpochsThatContinueWhereTheLastStopped() {
        Numbers.Source endless = Numbers.Source.counting(-1);
        long needed = 4 * 5 * 4;
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), endless).batchSize(4)
                .stepsPerEpoch(5).workers(3).prefetch(4).build()) {
            long expected = 0;
            for (int epoch = 0; epoch < 4; epoch++) {
                List<long[]> batches = epoch(sequence);
                assertEquals(5, batches.size(), "epoch " + epoch);
                for (long[] batch : batches) {
                    assertArrayEquals(new long[] {expected, expected + 1, expected + 2, expected + 3}, batch);
                    expected += 4;
                }
                sequence.reset();
                assertEquals(5, sequence.batchesPerEpoch());
            }
            // Nothing is kept beyond the window: the store never holds more than a few batches.
            assertTrue(endless.pulls.get() <= needed + 4 * (4 + 1), "pulled " + endless.pulls.get());
            assertEquals(1, endless.opened.get());
        }
    }

    @Test
    void aStreamedEpochCutShortLeavesItsRestAndTheNextStartsAtItsPlaceOnTheGrid() {
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), Numbers.Source.counting(-1))
                .batchSize(3).stepsPerEpoch(10).workers(4).prefetch(6).build()) {
            sequence.next();
            sequence.next(); // positions 0..5; the workers have read further ahead
            sequence.reset();
            // Epoch e is positions e * 30 .. e * 30 + 29, whatever happened before: a position says it all.
            assertArrayEquals(new long[] {30, 31, 32}, numbers(sequence.next()));
            assertEquals(1, sequence.epoch());
        }
    }

    @Test
    void aFiniteSourceWithStepsPerEpochIsOpenedAgainWhenItEnds() {
        Numbers.Source five = Numbers.Source.counting(5);
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), five).batchSize(2)
                .stepsPerEpoch(4).workers(2).build()) {
            List<long[]> batches = epoch(sequence);
            assertEquals(List.of("[0, 1]", "[2, 3]", "[4, 0]", "[1, 2]"),
                    batches.stream().map(Arrays::toString).toList());
            assertEquals(2, five.opened.get());
        }
    }

    @Test
    void anEmptySourceHasNoBatchesRecordedOrStreamed() {
        try (NumbersSequence recorded = NumbersSequence.builder(new Numbers(), Numbers.Source.counting(0))
                .workers(2).build();
                NumbersSequence streamed = NumbersSequence.builder(new Numbers(), Numbers.Source.counting(0))
                        .stepsPerEpoch(3).workers(2).build()) {
            assertFalse(recorded.hasNext());
            assertThrows(NoSuchElementException.class, recorded::next);
            recorded.reset();
            assertEquals(0, recorded.records());
            assertFalse(recorded.hasNext());
            assertFalse(streamed.hasNext());
        }
    }

    @Test
    void aSlowSourceWithFastWorkersAndFastSourceWithSlowWorkersDeliverTheSameInOrder() {
        List<long[]> expected = null;
        for (long[] pace : new long[][] {{300_000, 0}, {0, 300_000}, {0, 0}}) {
            Numbers.Source source = new Numbers.Source(90, i -> i * 3, -1, pace[0]);
            try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(false, n -> false, pace[1]), source)
                    .batchSize(7).workers(4).prefetch(5).build()) {
                List<long[]> batches = epoch(sequence);
                assertEquals(13, batches.size());
                if (expected == null) {
                    expected = batches;
                } else {
                    for (int b = 0; b < batches.size(); b++) {
                        assertArrayEquals(expected.get(b), batches.get(b), "batch " + b);
                    }
                }
                assertFalse(source.overlapped, "pulls are serialised");
                assertEquals(90, source.pulls.get());
            }
        }
    }

    @Test
    void batchesAreTheSameBitsForAnyWorkerCountInEveryEpoch() {
        List<List<String>> runs = new ArrayList<>();
        for (int workers : new int[] {0, 1, 3, 8}) {
            try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(true, n -> false, 0),
                    Numbers.Source.counting(50)).batchSize(6).shuffle(true).seed(7).workers(workers).build()) {
                List<String> run = new ArrayList<>();
                for (int epoch = 0; epoch < 3; epoch++) {
                    while (sequence.hasNext()) {
                        run.add(sequence.next().getFeatures().toString());
                    }
                    sequence.reset();
                }
                runs.add(run);
            }
        }
        for (List<String> run : runs) {
            assertEquals(runs.get(0), run);
        }
    }

    @Test
    void fromTheSecondEpochOnTheRecordedSourceIsShuffledPerEpochAndSameSeedSameOrder() {
        List<List<Long>> orders = new ArrayList<>();
        for (long seed : new long[] {5, 5, 6}) {
            try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), Numbers.Source.counting(40))
                    .batchSize(8).shuffle(true).seed(seed).workers(2).build()) {
                List<Long> order = new ArrayList<>();
                List<Long> first = flat(epoch(sequence));
                assertEquals(LongStream.range(0, 40).boxed().toList(), first, "the first epoch is in source order");
                sequence.reset();
                List<Long> second = flat(epoch(sequence));
                sequence.reset();
                List<Long> third = flat(epoch(sequence));
                assertEquals(first, second.stream().sorted().toList(), "a permutation");
                assertEquals(first, third.stream().sorted().toList(), "a permutation");
                assertNotEquals(second, third, "each epoch its own order");
                order.addAll(second);
                order.addAll(third);
                orders.add(order);
            }
        }
        assertEquals(orders.get(0), orders.get(1));
        assertNotEquals(orders.get(0), orders.get(2));
    }

    @Test
    void aRecordingCutShortIsReadToItsEndBeforeTheNextEpoch() {
        Numbers.Source source = Numbers.Source.counting(30);
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), source).batchSize(4).workers(2)
                .build()) {
            sequence.next();
            sequence.reset();
            assertEquals(1, sequence.epoch());
            assertTrue(sequence.hasNext());
            assertEquals(8, sequence.batchesPerEpoch(), "epoch 1 reads the rest of the source first");
            List<Long> again = flat(epoch(sequence));
            assertEquals(LongStream.range(0, 30).boxed().toList(), again);
            assertEquals(1, source.opened.get(), "the source is read once, to its end");
        }
    }

    @Test
    void aSourceThatThrowsReachesNextNamingThePositionAndEndsTheEpoch() {
        for (int workers : new int[] {0, 1, 4}) {
            Numbers.Source source = new Numbers.Source(100, i -> i, 23, 0);
            try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), source).batchSize(5)
                    .workers(workers).onError(ErrorPolicy.SKIP).build()) {
                for (int b = 0; b < 4; b++) {
                    assertEquals(5, sequence.next().numExamples(), "batches before the failure, workers " + workers);
                }
                SourceException e = assertThrows(SourceException.class, sequence::next);
                assertEquals(23, e.position());
                assertTrue(e.getMessage().contains("position 23"), e.getMessage());
                assertTrue(e.getMessage().contains("truncated at line 23"), e.getMessage());
                assertFalse(sequence.hasNext(), "the epoch ends with the source");
                sequence.reset();
                assertEquals(PrefetchingIterator.UNKNOWN, sequence.batchesPerEpoch());
                assertEquals(1, sequence.epoch());
                // The next epoch reads the source to its end before its first batch, and fails at the same place.
                SourceException again = assertThrows(SourceException.class, sequence::next);
                assertEquals(23, again.position());
                assertThrows(SourceException.class, sequence::hasNext, "each try reads the source again");
            }
        }
    }

    @Test
    void aStreamOpenedPerPassIsClosedWhenItEnds() {
        AtomicInteger closed = new AtomicInteger();
        DescriptorSource<Long> source = DescriptorSource.ofStream(
                () -> LongStream.range(0, 10).boxed().onClose(closed::incrementAndGet));
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), source).batchSize(3).workers(2)
                .build()) {
            assertEquals(4, epoch(sequence).size());
            assertEquals(1, closed.get());
        }
    }

    @Test
    void aRecordThatFailsUnderFailIsNamedByItsSourcePositionAndDescription() {
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(false, n -> n == 17, 0),
                Numbers.Source.counting(40)).batchSize(5).workers(3).build()) {
            for (int b = 0; b < 3; b++) {
                sequence.next();
            }
            RecordException e = assertThrows(RecordException.class, sequence::next);
            assertEquals(17, e.record());
            assertEquals("source position 17: number 17", e.description());
            assertTrue(e.getMessage().contains("number 17 is corrupt"), e.getMessage());
            // FAIL stops the epoch at the failed batch, which a resume reads again.
            assertFalse(sequence.hasNext());
            assertEquals(3, sequence.position().batch());
        }
    }

    @Test
    void closeMidPassJoinsEveryWorkerAndClosesTheSource() {
        int before = WorkerThreads.count();
        Numbers.Source source = new Numbers.Source(-1, i -> i, -1, 100_000);
        NumbersSequence sequence = NumbersSequence.builder(new Numbers(false, n -> false, 200_000), source)
                .batchSize(8).stepsPerEpoch(1000).workers(6).prefetch(12).build();
        sequence.next();
        sequence.next();
        sequence.close();
        assertEquals(before, WorkerThreads.count(), "worker threads left: " + WorkerThreads.live());
        assertFalse(sequence.hasNext());
        assertEquals(1, source.closed.get());
        sequence.close(); // idempotent
    }

    @Test
    void dropLastLeavesOutTheLastPartialBatchButRecordsIt() {
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), Numbers.Source.counting(11))
                .batchSize(4).dropLast(true).workers(2).build()) {
            assertEquals(2, epoch(sequence).size());
            sequence.reset();
            assertEquals(11, sequence.records());
            assertEquals(2, sequence.batchesPerEpoch());
        }
    }

    private static List<long[]> epoch(NumbersSequence sequence) {
        List<long[]> batches = new ArrayList<>();
        while (sequence.hasNext()) {
            batches.add(numbers(sequence.next()));
        }
        return batches;
    }

    private static List<Long> flat(List<long[]> batches) {
        List<Long> all = new ArrayList<>();
        batches.forEach(batch -> Arrays.stream(batch).forEach(all::add));
        return all;
    }

    private static long[] numbers(DataSet batch) {
        INDArray features = batch.getFeatures();
        long[] numbers = new long[features.rows()];
        for (int row = 0; row < numbers.length; row++) {
            numbers[row] = (long) features.getFloat(row, 0);
        }
        return numbers;
    }
}
