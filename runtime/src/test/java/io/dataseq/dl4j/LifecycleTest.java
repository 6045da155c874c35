package io.dataseq.dl4j;

import io.dataseq.Position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.BatchTimeoutException;
import io.dataseq.EngineClosedException;
import io.dataseq.SkippedRecord;
import io.dataseq.testing.WorkerThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

/** Timeouts, close() and reset() at any point, and several consumers: nothing hangs, leaks or is delivered twice. */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class LifecycleTest {
    /** Generous: "promptly" means well before a hung reader would be noticed, not a measured latency. */
    private static final long PROMPTLY_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** A reader that blocks on one record until released, and says when it started blocking. */
    private static final class Stall implements Probe.Hook {
        final int record;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Stall(int record) {
            this.record = record;
        }

        @Override
        public void reading(int epoch, int record) throws InterruptedException {
            if (record == this.record) {
                reached.countDown();
                release.await();
            }
        }
    }

    @ParameterizedTest(name = "hasNext first: {0}")
    @ValueSource(booleans = {false, true})
    void aStalledRecordTimesOutPromptlyAndItsBatchComesOnceTheReaderRecovers(boolean hasNextFirst)
            throws InterruptedException {
        Stall stall = new Stall(9); // in batch 2 of 4 records each
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(20, false, stall)).batchSize(4).workers(2)
                .prefetch(3).timeout(Duration.ofMillis(200)).build()) {
            assertEquals(List.of(0, 1, 2, 3), recordsOf(nextPatiently(sequence)));
            assertEquals(List.of(4, 5, 6, 7), recordsOf(nextPatiently(sequence)));
            assertTrue(stall.reached.await(10, TimeUnit.SECONDS));

            long start = System.nanoTime();
            // hasNext() must wait for the batch to know it is not empty, so the timeout reaches it too.
            BatchTimeoutException e = assertThrows(BatchTimeoutException.class,
                    hasNextFirst ? sequence::hasNext : sequence::next);
            assertTrue(System.nanoTime() - start < PROMPTLY_NANOS, "not promptly");
            assertTrue(e.getMessage().contains("batch 2") && e.getMessage().contains("dataseq-worker-"),
                    e.getMessage());
            assertEquals(2, sequence.position().batch(), "a timeout delivers nothing");

            stall.release.countDown();
            assertEquals(List.of(8, 9, 10, 11), recordsOf(nextPatiently(sequence)), "the batch that timed out");
            assertEquals(List.of(12, 13, 14, 15), recordsOf(nextPatiently(sequence)));
            assertEquals(List.of(16, 17, 18, 19), recordsOf(nextPatiently(sequence)));
            assertFalse(sequence.hasNext());
        }
    }

    @Test
    void closeWhileAReaderIsStalledStopsEveryThreadPromptly() throws InterruptedException {
        int before = WorkerThreads.count();
        Stall stall = new Stall(5);
        ProbeSequence sequence = ProbeSequence.builder(new Probe(20, false, stall)).batchSize(4).workers(3).build();
        sequence.next();
        assertTrue(stall.reached.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        sequence.close(); // interrupts the stalled reader
        assertTrue(System.nanoTime() - start < PROMPTLY_NANOS, "not promptly");
        assertEquals(before, WorkerThreads.count());
    }

    @Test
    void closeAndResetAtRandomPointsTwoHundredTimesLeaveNoThreadBehind() {
        int before = WorkerThreads.count();
        SplittableRandom random = new SplittableRandom(0xC105EL);
        for (int round = 0; round < 200; round++) {
            int workers = 1 + random.nextInt(4);
            int records = 1 + random.nextInt(200);
            ErrorPolicy policy = random.nextBoolean() ? ErrorPolicy.SKIP : ErrorPolicy.FAIL;
            Probe reader = new Probe(records, false, (epoch, record) -> {
                if (policy == ErrorPolicy.SKIP && record % 7 == 3) {
                    throw new Probe.Corrupt(epoch, record);
                }
            });
            ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(1 + random.nextInt(8))
                    .workers(workers).prefetch(1 + random.nextInt(6)).shuffle(random.nextBoolean())
                    .seed(round).onError(policy).copyBatches(random.nextBoolean()).build();
            String where = "round " + round;
            assertEquals(before + workers, WorkerThreads.count(), where);
            for (int step = random.nextInt(4); step > 0; step--) {
                for (int batches = random.nextInt(5); batches > 0 && sequence.hasNext(); batches--) {
                    sequence.next();
                }
                if (random.nextBoolean()) {
                    sequence.hasNext(); // leaves a batch in lookahead for reset() or close() to give back
                }
                sequence.reset();
                assertTrue(sequence.allocatedBuffers() <= sequence.prefetchSettings().window() + 1, where);
            }
            sequence.close();
            assertEquals(before, WorkerThreads.count(), where + ": worker threads left after close()");
        }
    }

    @Test
    void afterCloseHasNextIsFalseAndNextThrows() {
        ProbeSequence sequence = ProbeSequence.builder(new Probe(40)).batchSize(4).workers(2).build();
        sequence.next();
        sequence.close();
        assertFalse(sequence.hasNext());
        assertThrows(EngineClosedException.class, sequence::next);
        sequence.close(); // idempotent
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 2})
    void closeAfterHasNextDoesNotHandOutTheBatchItLookedAt(int workers) {
        ProbeSequence sequence = ProbeSequence.builder(new Probe(40)).batchSize(4).workers(workers).build();
        sequence.next();
        assertTrue(sequence.hasNext()); // takes batch 1 from the engine, to know it is there
        sequence.close();
        assertFalse(sequence.hasNext());
        assertThrows(EngineClosedException.class, sequence::next, "a closed sequence delivers nothing");
    }

    @Test
    void closeAfterHasNextSawAFailureThrowsClosedNotTheFailure() {
        ProbeSequence sequence = ProbeSequence.builder(new Probe(40, false, (epoch, record) -> {
            if (record == 6) {
                throw new Probe.Corrupt(epoch, record);
            }
        })).batchSize(4).workers(1).build();
        sequence.next();
        assertTrue(sequence.hasNext()); // batch 1 failed; next() would throw its RecordException
        sequence.close();
        assertThrows(EngineClosedException.class, sequence::next);
    }

    @ParameterizedTest(name = "copyBatches={0}")
    @ValueSource(booleans = {true, false})
    void fourConsumersGetDisjointBatchesThatCoverTheEpoch(boolean copyBatches) throws InterruptedException {
        int records = 997;
        int batchSize = 5;
        // Some records fail and some whole batches: what one consumer passes over, no other sees.
        Probe reader = new Probe(records, false, (epoch, record) -> {
            if (record % 11 == 4 || record / batchSize % 17 == 3) {
                throw new Probe.Corrupt(epoch, record);
            }
        });
        try (ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(batchSize).shuffle(true).seed(4)
                .workers(3).prefetch(6).onError(ErrorPolicy.SKIP).copyBatches(copyBatches).build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                List<int[]> batches = Collections.synchronizedList(new ArrayList<>());
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
                                assertTrue(batch.numExamples() > 0, "a DataSet of 0 rows");
                                // Without copies the views stay valid until this thread's next next(): read now.
                                int[] rows = Batches.records(batch);
                                for (int row = 0; row < rows.length; row++) {
                                    assertEquals(rows[row] % 3, batch.getLabels().getFloat(row, 0),
                                            "label of record " + rows[row]);
                                }
                                batches.add(rows);
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
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

                List<Integer> visited = new ArrayList<>();
                batches.forEach(batch -> IntStream.of(batch).forEach(visited::add));
                sequence.skipped().stream().filter(skipped -> skipped.epoch() == sequence.epoch())
                        .map(SkippedRecord::record).forEach(visited::add);
                assertEquals(IntStream.range(0, records).boxed().toList(), visited.stream().sorted().toList(),
                        "epoch " + epoch + ": each record delivered or skipped, once");
                assertEquals(new io.dataseq.Position(4, epoch + 1, 0), sequence.position());
                sequence.reset();
            }
            // The window's 6, plus one per consumer thread holding a batch at once: 4.
            assertTrue(sequence.allocatedBuffers() <= 6 + 4, sequence.allocatedBuffers() + " buffers");
        }
    }

    /**
     * hasNext() and next(), waiting out timeouts: on a loaded machine even a quick batch may take longer than
     * 200 ms, and a timeout only says so (the next call waits for the same batch).
     */
    private static DataSet nextPatiently(ProbeSequence sequence) {
        for (int attempt = 0; ; attempt++) {
            try {
                assertTrue(sequence.hasNext());
                return sequence.next();
            } catch (BatchTimeoutException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    private static List<Integer> recordsOf(DataSet batch) {
        return IntStream.of(Batches.records(batch)).boxed().toList();
    }

}
