package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.SkippedRecord;
import io.dataseq.internal.index.EpochIndex;
import io.dataseq.testing.WorkerThreads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

/** What a reader's exception does under FAIL and SKIP, seen through the DL4J iterator. */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class FailurePolicyTest {

    /** Fails the records of {@code failing} in every epoch. */
    private static Probe failingOn(int records, Set<Integer> failing) {
        return new Probe(records, false, (epoch, record) -> {
            if (failing.contains(record)) {
                throw new Probe.Corrupt(epoch, record);
            }
        });
    }

    private static Set<Integer> randomRecords(long seed, int records, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<Integer> chosen = new HashSet<>();
        while (chosen.size() < count) {
            chosen.add(random.nextInt(records));
        }
        return chosen;
    }

    /** Fails the records of {@code failing} the first time each is read, then reads them: a transient fault. */
    private static Probe failingOnce(int records, Set<Integer> failing) {
        Set<Integer> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new Probe(records, false, (epoch, record) -> {
            if (failing.contains(record) && failed.add(record)) {
                throw new Probe.Corrupt(epoch, record);
            }
        });
    }

    /**
     * FAIL: the first failing batch stops the epoch. {@code next()} throws its first bad record's
     * {@link RecordException} (record, description, worker); then {@code hasNext()} is false, {@code next()} says
     * why, and {@code position()} points at the failed batch, so a sequence resumed from it reads that batch again,
     * its good records included. Resuming after each failure of transient faults, every record is delivered exactly
     * once: nothing is lost.
     */
    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 1, 3})
    void failStopsTheEpochAtTheFailedBatchAndAResumeReadsItAgain(int workers) {
        int records = 120;
        int batchSize = 8;
        Set<Integer> failing = randomRecords(workers, records, 9);
        Probe reader = failingOnce(records, failing);
        EpochIndex index = EpochIndex.builder(records).batchSize(batchSize).shuffle(true).seed(11).build();
        List<Integer> delivered = new ArrayList<>();
        io.dataseq.Position position = new io.dataseq.Position(11, 0, 0);
        int[] planned = new int[batchSize];
        int failures = 0;
        while (position.epoch() == 0) {
            try (ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(batchSize).shuffle(true).seed(11)
                    .workers(workers).prefetch(4).resumeFrom(position).build()) {
                while (sequence.hasNext()) {
                    int batch = sequence.position().batch();
                    int length = index.recordsOf(0, batch, planned);
                    Set<Integer> inBatch = new HashSet<>();
                    IntStream.range(0, length).forEach(i -> inBatch.add(planned[i]));
                    try {
                        for (int record : Batches.records(sequence.next())) {
                            delivered.add(record);
                        }
                    } catch (RecordException e) {
                        failures++;
                        // A fault the workers met reading ahead for an earlier run is gone: any of the batch's.
                        assertTrue(failing.contains(e.record()) && inBatch.contains(e.record()), "batch " + batch);
                        assertEquals(Probe.describe(e.record()), e.description());
                        if (workers == 0) {
                            assertEquals(Thread.currentThread().getName(), e.worker(), "the consumer's thread");
                        } else {
                            assertTrue(WorkerThreads.isWorkerName(e.worker()), e.worker());
                        }
                        assertTrue(e.getMessage().contains("record " + e.record())
                                && e.getMessage().contains(Probe.describe(e.record()))
                                && e.getMessage().contains(e.worker())
                                && e.getMessage().contains("is corrupt"), e.getMessage());
                        assertInstanceOf(Probe.Corrupt.class, e.getCause());
                        assertFalse(sequence.hasNext(), "FAIL stops the epoch");
                        NoSuchElementException stopped = assertThrows(NoSuchElementException.class, sequence::next);
                        assertTrue(stopped.getMessage().contains("stopped at batch " + batch), stopped.getMessage());
                        assertEquals(new io.dataseq.Position(11, 0, batch), sequence.position());
                    }
                }
                position = sequence.position();
                if (position.epoch() == 0) {
                    continue; // stopped by a failure: resume at the failed batch
                }
                assertThrows(NoSuchElementException.class, sequence::next);
                assertTrue(sequence.skipped().isEmpty());
            }
        }
        assertTrue(failures > 0 && failures <= failing.size(), failures + " failures");
        assertEquals(IntStream.range(0, records).boxed().toList(), delivered.stream().sorted().toList(),
                "every record exactly once, the failed batches' good records included");
    }

    /** An Error in a reader names its record; an AssertionError follows the policy, running out of memory fails. */
    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 2})
    void anErrorInAReaderNamesItsRecordAndLosesNothing(int workers) {
        Probe asserting = new Probe(40, false, (epoch, record) -> {
            if (record == 13) {
                throw new AssertionError("invariant broken at 13");
            }
        });
        try (ProbeSequence sequence = ProbeSequence.builder(asserting).batchSize(8).workers(workers).build()) {
            sequence.next();
            RecordException e = assertThrows(RecordException.class, sequence::next);
            assertEquals(13, e.record());
            assertEquals(Probe.describe(13), e.description());
            assertInstanceOf(AssertionError.class, e.getCause());
        }
        try (ProbeSequence sequence = ProbeSequence.builder(asserting).batchSize(8).workers(workers)
                .onError(ErrorPolicy.SKIP).build()) {
            int rows = 0;
            while (sequence.hasNext()) {
                rows += sequence.next().numExamples();
            }
            assertEquals(39, rows, "the batch's good records are delivered");
            assertEquals(13, sequence.skipped().get(0).record());
            assertInstanceOf(AssertionError.class, sequence.skipped().get(0).cause());
        }
        Probe outOfMemory = new Probe(40, false, (epoch, record) -> {
            if (record == 21) {
                throw new OutOfMemoryError("simulated, at record 21");
            }
        });
        try (ProbeSequence sequence = ProbeSequence.builder(outOfMemory).batchSize(8).workers(workers)
                .onError(ErrorPolicy.SKIP).build()) {
            sequence.next();
            sequence.next();
            RecordException e = assertThrows(RecordException.class, sequence::next, "not skipped, even under SKIP");
            assertEquals(21, e.record());
            assertInstanceOf(OutOfMemoryError.class, e.getCause());
            assertEquals(2, sequence.position().batch(), "a resume reads the batch again");
            assertTrue(sequence.skipped().isEmpty());
        }
    }

    @Test
    void aReaderWithoutDescribeFailsWithoutADescription() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(40, false, record -> record == 17))
                .workers(2).build()) {
            sequence.next();
            RecordException e = assertThrows(RecordException.class, sequence::next);
            assertEquals(17, e.record());
            assertNull(e.description());
            assertTrue(e.getMessage().startsWith("could not read record 17 in " + e.worker() + ": "),
                    e.getMessage());
        }
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 2, 5})
    void skipDeliversOrReportsEveryRecordVisitedExactlyOnceEveryEpoch(int workers) {
        int records = 157;
        // Another set of failures each epoch, some of them whole batches.
        Probe reader = new Probe(records, false, (epoch, record) -> {
            if ((record * 7 + epoch * 3) % 5 == 0 || record / 6 == 4 + epoch) {
                throw new Probe.Corrupt(epoch, record);
            }
        });
        try (ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(6).shuffle(false).workers(workers)
                .prefetch(3).onError(ErrorPolicy.SKIP).build()) {
            int reported = 0;
            for (int epoch = 0; epoch < 3; epoch++) {
                List<Integer> visited = new ArrayList<>();
                while (sequence.hasNext()) {
                    DataSet batch = sequence.next();
                    assertTrue(batch.numExamples() > 0, "a DataSet of 0 rows");
                    for (int record : Batches.records(batch)) {
                        visited.add(record);
                    }
                }
                List<SkippedRecord> report = sequence.skipped();
                for (SkippedRecord skipped : report.subList(reported, report.size())) {
                    assertEquals(epoch, skipped.epoch(), skipped.toString());
                    assertInstanceOf(Probe.Corrupt.class, skipped.cause());
                    visited.add(skipped.record());
                }
                assertTrue(report.size() - reported > 6, "whole batch " + (4 + epoch) + " and more were skipped");
                reported = report.size();
                assertEquals(IntStream.range(0, records).boxed().toList(), visited.stream().sorted().toList(),
                        "epoch " + epoch);
                sequence.reset();
            }
        }
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 1, 4})
    void batchesOfOneFailingRecordArePassedOverNeverDeliveredEmpty(int workers) {
        int records = 60;
        // Failing records here and there, in a run, and the last five.
        Set<Integer> failing = new HashSet<>(Set.of(0, 7, 20, 21, 22, 23, 40, 55, 56, 57, 58, 59));
        for (boolean peek : new boolean[] {true, false}) {
            try (ProbeSequence sequence = ProbeSequence.builder(failingOn(records, failing)).batchSize(1)
                    .workers(workers).prefetch(2).onError(ErrorPolicy.SKIP).build()) {
                List<Integer> delivered = new ArrayList<>();
                while (peek ? sequence.hasNext() : delivered.size() < records - failing.size()) {
                    DataSet batch = sequence.next();
                    assertEquals(1, batch.numExamples());
                    delivered.add(Batches.records(batch)[0]);
                }
                assertFalse(sequence.hasNext(), "the last batches all failed: no more batches, no exception");
                assertThrows(NoSuchElementException.class, sequence::next);
                assertEquals(IntStream.range(0, records).filter(r -> !failing.contains(r)).boxed().toList(),
                        delivered, "peek=" + peek);
                assertEquals(failing, sequence.skipped().stream().map(SkippedRecord::record)
                        .collect(java.util.stream.Collectors.toSet()), "peek=" + peek);
                assertEquals(failing.size(), sequence.skipped().size(), "each skipped once, peek=" + peek);
            }
        }
    }

    @Test
    void anEpochOfOnlyFailuresHasNoBatchesAndReportsThemAll() {
        try (ProbeSequence sequence = ProbeSequence.builder(failingOn(20, Set.copyOf(
                IntStream.range(0, 20).boxed().toList()))).batchSize(3).workers(2).onError(ErrorPolicy.SKIP).build()) {
            assertFalse(sequence.hasNext());
            assertThrows(NoSuchElementException.class, sequence::next);
            assertEquals(20, sequence.skipped().size());
        }
    }

    /**
     * SKIP that skips every record (a missing library, a wrong folder) does not end the epoch quietly with nothing
     * trained: 32 records skipped before any row was delivered stop the sequence with an error that says why.
     */
    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 2})
    void skippingEveryRecordFromTheStartStopsWithAnErrorThatSaysWhy(int workers) {
        Probe broken = failingOn(200, Set.copyOf(IntStream.range(0, 200).boxed().toList()));
        try (ProbeSequence sequence = ProbeSequence.builder(broken).batchSize(8).workers(workers)
                .onError(ErrorPolicy.SKIP).build()) {
            io.dataseq.DataSeqException e = assertThrows(io.dataseq.DataSeqException.class, sequence::hasNext);
            assertTrue(e.getMessage().contains("the first 32 records read were all skipped"), e.getMessage());
            assertInstanceOf(Probe.Corrupt.class, e.getCause());
            assertFalse(sequence.hasNext());
            assertEquals(32, sequence.skipped().size(), "every record read is listed");
        }
        Set<Integer> first31 = Set.copyOf(IntStream.range(0, 31).boxed().toList());
        try (ProbeSequence sequence = ProbeSequence.builder(failingOn(100, first31)).batchSize(1).workers(workers)
                .onError(ErrorPolicy.SKIP).build()) {
            int rows = 0;
            while (sequence.hasNext()) {
                rows += sequence.next().numExamples();
            }
            assertEquals(69, rows, "31 bad records at the start are bad data, not a broken reader");
        }
    }

    @Test
    void resetMidEpochReportsOnlyTheSkipsOfBatchesThatReachedTheConsumer() throws InterruptedException {
        int records = 80;
        int batchSize = 4;
        int prefetch = 4;
        // Record 4k + 1 fails in every batch; every read is counted so the test knows when the window is full.
        CountDownLatch windowRead = new CountDownLatch(batchSize * (1 + prefetch));
        Probe reader = new Probe(records, false, (epoch, record) -> {
            windowRead.countDown();
            if (record % batchSize == 1) {
                throw new Probe.Corrupt(epoch, record);
            }
        });
        try (ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(batchSize).workers(2)
                .prefetch(prefetch).onError(ErrorPolicy.SKIP).build()) {
            assertEquals(List.of(0, 2, 3), IntStream.of(Batches.records(sequence.next())).boxed().toList());
            assertTrue(sequence.hasNext()); // batch 1 is now held in lookahead, its skip not yet reported
            assertTrue(windowRead.await(10, TimeUnit.SECONDS), "the workers read the prefetch window");
            assertEquals(List.of(1), sequence.skipped().stream().map(SkippedRecord::record).toList());

            sequence.reset(); // cancels batch 1 (lookahead) and batches 2.. in flight, each with a skipped record
            assertEquals(List.of(1), sequence.skipped().stream().map(SkippedRecord::record).toList(),
                    "the cancelled batches' skips are not reported");

            assertEquals(1, sequence.epoch());
            List<Integer> delivered = new ArrayList<>();
            while (sequence.hasNext()) {
                for (int record : Batches.records(sequence.next())) {
                    delivered.add(record);
                }
            }
            List<SkippedRecord> report = sequence.skipped();
            assertEquals(1 + records / batchSize, report.size());
            assertEquals(records / batchSize, report.stream().filter(r -> r.epoch() == 1).count());
            assertEquals(records - records / batchSize, delivered.size());
        }
    }
}
