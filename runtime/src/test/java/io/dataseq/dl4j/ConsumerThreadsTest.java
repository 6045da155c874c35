package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Several consumer threads, as users really call a sequence: {@code hasNext()} and {@code next()} from several
 * threads, consumers that keep their batch while others take one, a new thread per batch. None of them may stall,
 * and every record is delivered exactly once per epoch. Seeded cases; a hang fails through the timeout.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class ConsumerThreadsTest {
    private static final int CASES = 60;

    /**
     * K consumers each take a batch and keep it until all K hold one (a barrier), then read on: with fewer buffers
     * than holders the old pool deadlocked; now it grows by one buffer per holding thread.
     */
    @Test
    void consumersThatAllHoldABatchAtOnceNeverStall() throws Exception {
        for (int c = 0; c < CASES; c++) {
            SplittableRandom random = new SplittableRandom(0xC0FFEE + c);
            int consumers = 2 + random.nextInt(5);
            int prefetch = 1 + random.nextInt(3);
            int workers = random.nextInt(3);
            int batchSize = 1 + random.nextInt(5);
            int records = consumers * batchSize + random.nextInt(60);
            String where = "case " + c + ": " + consumers + " consumers, prefetch " + prefetch + ", workers "
                    + workers;
            try (ProbeSequence sequence = ProbeSequence.builder(new Probe(records)).batchSize(batchSize)
                    .shuffle(true).seed(c).workers(workers).prefetch(prefetch).build()) {
                List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
                CyclicBarrier allHolding = new CyclicBarrier(consumers);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < consumers; t++) {
                    Thread thread = new Thread(() -> {
                        try {
                            boolean first = true;
                            while (sequence.hasNext()) {
                                DataSet batch;
                                try {
                                    batch = sequence.next();
                                } catch (NoSuchElementException taken) {
                                    break; // another consumer took the last batch after this one's hasNext()
                                }
                                for (int record : Batches.records(batch)) {
                                    delivered.add(record);
                                }
                                if (first) {
                                    first = false;
                                    allHolding.await(); // every consumer holds its first batch here
                                }
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    threads.add(thread);
                    thread.start();
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                assertNull(failure.get(), where);
                assertEquals(IntStream.range(0, records).boxed().toList(), delivered.stream().sorted().toList(),
                        where + ": each record once");
                assertTrue(sequence.allocatedBuffers() <= prefetch + consumers,
                        where + ": " + sequence.allocatedBuffers() + " buffers");
            }
        }
    }

    /** A new thread per batch, each ending while it still "holds" its batch: their buffers come back. */
    @Test
    void aThreadPerBatchThatEndsHoldingItsBatchLeaksNothing() throws Exception {
        int records = 200;
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(records)).batchSize(4).workers(2)
                .prefetch(2).build()) {
            List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
            for (int epoch = 0; epoch < 2; epoch++) {
                delivered.clear();
                while (true) {
                    AtomicReference<Boolean> more = new AtomicReference<>(false);
                    Thread once = new Thread(() -> {
                        if (sequence.hasNext()) {
                            for (int record : Batches.records(sequence.next())) {
                                delivered.add(record);
                            }
                            more.set(true);
                        }
                    });
                    once.start();
                    once.join();
                    if (!more.get()) {
                        break;
                    }
                }
                assertEquals(records, delivered.size(), "epoch " + epoch);
                sequence.reset();
            }
            assertTrue(sequence.allocatedBuffers() <= 2 + 2, sequence.allocatedBuffers() + " buffers");
        }
    }

    /** A consumer waiting in hasNext() blocks neither position() nor reset() on another thread. */
    @Test
    void positionAndResetAreNotBlockedByAWaitingHasNext() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Probe reader = new Probe(40, false, (epoch, record) -> {
            if (epoch == 0 && record == 0) {
                stalled.countDown();
                release.await(); // a stalled disk
            }
        });
        try (ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(8).workers(1).build()) {
            AtomicReference<Boolean> answer = new AtomicReference<>();
            Thread waiting = new Thread(() -> answer.set(sequence.hasNext()));
            waiting.start();
            stalled.await();
            assertEquals(new Position(0, 0, 0), sequence.position(), "position() answers at once");
            sequence.reset(); // ends the epoch for the waiting consumer
            release.countDown();
            waiting.join();
            assertFalse(answer.get(), "the reset ended the pass the consumer waited in");
            assertEquals(0, sequence.epoch(), "nothing was delivered: the same epoch again");
            int batches = 0;
            while (sequence.hasNext()) {
                sequence.next();
                batches++;
            }
            assertEquals(5, batches);
        }
    }
}
