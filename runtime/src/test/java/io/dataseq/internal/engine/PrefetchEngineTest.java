package io.dataseq.internal.engine;

import io.dataseq.BatchTimeoutException;
import io.dataseq.ConsumerInterruptedException;
import io.dataseq.EngineClosedException;
import io.dataseq.PrefetchSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dataseq.DataSeqException;
import io.dataseq.RecordException;
import io.dataseq.testing.WorkerThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

// A guard against a hang, not a timing assertion: a deadlocked test fails instead of stalling the build.
@Timeout(60)
class PrefetchEngineTest {

    /** A batch buffer that remembers what filled it, and whether a consumer owns it right now. */
    static final class Slot {
        volatile int batch = -1;
        volatile int pass = -1;
        volatile boolean owned;
    }

    static Stream<Arguments> workersAndWindows() {
        return IntStream.of(0, 1, 2, 8).boxed()
                .flatMap(workers -> IntStream.rangeClosed(1, 8).mapToObj(window -> Arguments.of(workers, window)));
    }

    @ParameterizedTest(name = "workers={0}, window={1}")
    @MethodSource("workersAndWindows")
    void deliversEveryBatchInOrderDespiteRandomDelays(int workers, int window) {
        int before = WorkerThreads.count();
        AtomicInteger writesIntoOwnedSlots = new AtomicInteger();
        PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(workers, window), Slot::new);
        engine.start(0, 40, (batch, slot) -> {
            if (slot.owned) {
                writesIntoOwnedSlots.incrementAndGet();
            }
            randomDelay(batch);
            slot.batch = batch;
        });

        Slot previous = null;
        for (int batch = 0; batch < 40; batch++) {
            assertTrue(engine.hasNext());
            // The consumer still holds the previous batch while it asks for this one: the "+ 1" slot.
            Slot slot = engine.next();
            slot.owned = true;
            assertEquals(batch, slot.batch);
            assertTrue(engine.allocatedSlots() <= window + 1, engine.allocatedSlots() + " slots allocated");
            if (previous != null) {
                previous.owned = false;
                engine.release(previous);
            }
            previous = slot;
        }
        assertFalse(engine.hasNext());
        assertThrows(NoSuchElementException.class, engine::next);
        assertEquals(0, writesIntoOwnedSlots.get(), "the engine wrote into a slot a consumer owned");
        engine.close();
        assertEquals(before, WorkerThreads.count());
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 2})
    void aPassCanStartAtAnyBatch(int workers) {
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(workers, 2), Slot::new)) {
            engine.start(5, 8, (batch, slot) -> slot.batch = batch);
            for (int batch = 5; batch < 8; batch++) {
                Slot slot = engine.next();
                assertEquals(batch, slot.batch);
                engine.release(slot);
            }
            assertThrows(NoSuchElementException.class, engine::next);
            engine.start(3, 3, (batch, slot) -> slot.batch = batch);
            assertFalse(engine.hasNext(), "an empty pass");
            assertThrows(NoSuchElementException.class, engine::next);
        }
    }

    @ParameterizedTest(name = "workers={0}, window={1}")
    @MethodSource("errorCases")
    void aRecordExceptionReachesTheConsumerOfItsBatchAndThePassGoesOn(int workers, int window) {
        // A timeout turns a stalled pass into a failure that says so, instead of a hang.
        PrefetchSettings settings = new PrefetchSettings(workers, window, Duration.ofSeconds(10),
                Duration.ofSeconds(10));
        IOException cause = new IOException("truncated file");
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(settings, Slot::new)) {
            engine.start(0, 8, (batch, slot) -> {
                if (batch == 3) {
                    throw new RecordException(33, "images/33.png", null, cause);
                }
                slot.batch = batch;
            });
            Slot held = null;
            for (int batch = 0; batch < 8; batch++) {
                if (batch == 3) {
                    RecordException e = assertThrows(RecordException.class, engine::next);
                    assertEquals(33, e.record());
                    assertEquals("images/33.png", e.description());
                    assertSame(cause, e.getCause());
                    if (workers == 0) {
                        assertEquals(Thread.currentThread().getName(), e.worker());
                    } else {
                        assertTrue(WorkerThreads.isWorkerName(e.worker()), "worker " + e.worker());
                    }
                    assertTrue(e.getMessage().contains("record 33") && e.getMessage().contains(e.worker()),
                            e.getMessage());
                    continue; // still holding batch 2's slot, as a consumer that failed mid-batch would
                }
                Slot slot = engine.next();
                assertEquals(batch, slot.batch);
                if (held != null) {
                    engine.release(held);
                }
                held = slot;
            }
            assertFalse(engine.hasNext());
        }
    }

    static Stream<Arguments> errorCases() {
        return Stream.of(Arguments.of(0, 1), Arguments.of(1, 1), Arguments.of(2, 1), Arguments.of(2, 3),
                Arguments.of(8, 4));
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 2})
    void anyOtherExceptionIsWrappedNamingItsBatch(int workers) {
        IllegalStateException cause = new IllegalStateException("disk on fire");
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(workers, 2), Slot::new)) {
            engine.start(0, 4, (batch, slot) -> {
                if (batch == 2) {
                    throw cause;
                }
                slot.batch = batch;
            });
            engine.release(engine.next());
            engine.release(engine.next());
            DataSeqException e = assertThrows(DataSeqException.class, engine::next);
            assertFalse(e instanceof RecordException);
            assertSame(cause, e.getCause());
            assertTrue(e.getMessage().contains("batch 2"), e.getMessage());
            assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
            Slot last = engine.next();
            assertEquals(3, last.batch);
        }
    }

    @Test
    void aSlowBatchTimesOutAndTheNextCallDeliversIt() throws InterruptedException {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        PrefetchSettings settings = new PrefetchSettings(1, 2, Duration.ofMillis(50), Duration.ofSeconds(10));
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(settings, Slot::new)) {
            engine.start(0, 3, (batch, slot) -> {
                if (batch == 1) {
                    loading.countDown();
                    unblock.await();
                }
                slot.batch = batch;
            });
            Slot first = engine.next();
            assertEquals(0, first.batch);
            engine.release(first);
            loading.await();

            BatchTimeoutException e = assertThrows(BatchTimeoutException.class, engine::next);
            assertTrue(e.getMessage().contains("batch 1"), e.getMessage());
            assertTrue(e.getMessage().contains("is still loading it"), e.getMessage());
            assertTrue(engine.hasNext(), "the batch that timed out is still to come");
            assertThrows(BatchTimeoutException.class, engine::next, "still blocked: times out again");

            unblock.countDown();
            Slot second = nextWaitingOutTimeouts(engine);
            assertEquals(1, second.batch);
            engine.release(second);
            assertEquals(2, nextWaitingOutTimeouts(engine).batch);
            assertFalse(engine.hasNext());
        }
    }

    @Test
    void anInterruptedConsumerIsToldAndGetsTheSameBatchNextTime() throws InterruptedException {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
        AtomicInteger delivered = new AtomicInteger(-1);
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(1, 2), Slot::new)) {
            engine.start(0, 2, (batch, slot) -> {
                if (batch == 0) {
                    loading.countDown();
                    unblock.await();
                }
                slot.batch = batch;
            });
            Thread consumer = new Thread(() -> {
                try {
                    engine.next();
                    fail("next() returned while its batch was blocked");
                } catch (ConsumerInterruptedException e) {
                    thrown.set(e);
                    interruptFlag.set(Thread.currentThread().isInterrupted());
                }
                Thread.interrupted(); // a caller that goes on clears the flag first
                unblock.countDown();
                delivered.set(engine.next().batch);
            }, "consumer");
            consumer.start();
            loading.await();
            awaitBlocked(consumer);
            consumer.interrupt();
            consumer.join();

            assertInstanceOf(ConsumerInterruptedException.class, thrown.get());
            assertInstanceOf(InterruptedException.class, thrown.get().getCause());
            assertTrue(thrown.get().getMessage().contains("batch 0"), thrown.get().getMessage());
            assertEquals(Boolean.TRUE, interruptFlag.get(), "the interrupt status is set again");
            assertEquals(0, delivered.get(), "the batch that was awaited comes next");
        }
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 1, 4})
    void cancelAndRestartManyTimesThenCloseLeavesNoThread(int workers) {
        int before = WorkerThreads.count();
        int window = 3;
        SplittableRandom random = new SplittableRandom(workers);
        PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(workers, window), Slot::new);
        Slot kept = null;
        for (int pass = 0; pass < 300; pass++) {
            int from = random.nextInt(10);
            int to = from + random.nextInt(30);
            int passNumber = pass;
            engine.start(from, to, (batch, slot) -> {
                LockSupport.parkNanos(batch % 3 * 20_000L);
                slot.batch = batch;
                slot.pass = passNumber;
            });
            if (kept != null) {
                engine.release(kept); // a slot of an earlier pass comes back into this one
                kept = null;
            }
            int consume = random.nextInt(to - from + 1);
            for (int i = 0; i < consume; i++) {
                Slot slot = engine.next();
                assertEquals(from + i, slot.batch, "pass " + pass);
                assertEquals(pass, slot.pass, "a slot of a cancelled pass was delivered");
                assertTrue(engine.allocatedSlots() <= window + 1);
                if (i == consume - 1 && random.nextBoolean()) {
                    kept = slot;
                } else {
                    engine.release(slot);
                }
            }
            if (random.nextBoolean()) {
                engine.cancel();
                assertFalse(engine.hasNext());
                assertThrows(NoSuchElementException.class, engine::next);
            }
        }
        if (kept != null) {
            engine.release(kept);
        }
        engine.start(0, 20, (batch, slot) -> slot.batch = batch);
        for (int batch = 0; batch < 20; batch++) {
            Slot slot = engine.next();
            assertEquals(batch, slot.batch);
            engine.release(slot);
        }
        assertTrue(engine.allocatedSlots() <= window + 1);
        engine.close();
        assertEquals(before, WorkerThreads.count(), "worker threads left after close()");
    }

    @Test
    void aConsumerWaitingWhenThePassIsRestartedNeverTakesABatchOfTheNewPass() throws InterruptedException {
        // Races a waiting consumer's wake-up against the new pass's first load; with the guard it always loses.
        PrefetchSettings settings = new PrefetchSettings(2, 1, Duration.ofSeconds(10), Duration.ofSeconds(10));
        for (int round = 0; round < 200; round++) {
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch unblock = new CountDownLatch(1);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Slot> taken = new AtomicReference<>();
            try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(settings, Slot::new)) {
                engine.start(0, 2, (batch, slot) -> {
                    loading.countDown();
                    unblock.await();
                });
                Thread waiting = new Thread(() -> {
                    try {
                        taken.set(engine.next());
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                }, "waiting-consumer");
                waiting.start();
                loading.await();
                awaitBlocked(waiting);
                engine.start(0, 2, (batch, slot) -> {
                    slot.batch = batch;
                    slot.pass = 2;
                });
                Slot first = engine.next();
                assertEquals(0, first.batch, "round " + round);
                assertEquals(2, first.pass, "round " + round);
                waiting.join();
                assertEquals(null, taken.get(), "round " + round + ": the old pass's consumer took a new batch");
                assertInstanceOf(DataSeqException.class, thrown.get());
                assertTrue(thrown.get().getMessage().contains("cancelled"), thrown.get().getMessage());
                unblock.countDown();
            }
        }
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 3})
    void concurrentConsumersGetDisjointBatchesCoveringThePass(int workers) throws InterruptedException {
        int batches = 400;
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(workers, 4), Slot::new)) {
            engine.start(0, batches, (batch, slot) -> {
                randomDelay(batch);
                slot.batch = batch;
            });
            CountDownLatch go = new CountDownLatch(1);
            List<List<Integer>> received = new ArrayList<>();
            List<Thread> consumers = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int c = 0; c < 4; c++) {
                List<Integer> mine = new ArrayList<>();
                received.add(mine);
                Thread consumer = new Thread(() -> {
                    try {
                        go.await();
                        while (true) {
                            Slot slot;
                            try {
                                slot = engine.next();
                            } catch (NoSuchElementException end) {
                                return;
                            }
                            mine.add(slot.batch);
                            engine.release(slot);
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
            assertEquals(null, failure.get());

            Set<Integer> all = new HashSet<>();
            int total = 0;
            for (List<Integer> mine : received) {
                for (int i = 1; i < mine.size(); i++) {
                    assertTrue(mine.get(i - 1) < mine.get(i), "one consumer's batches come in order: " + mine);
                }
                all.addAll(mine);
                total += mine.size();
            }
            assertEquals(batches, total, "no batch twice");
            assertEquals(batches, all.size());
            assertTrue(all.containsAll(IntStream.range(0, batches).boxed().toList()));
        }
    }

    @Test
    void nextWithoutAPassThrowsNoSuchElement() {
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(1, 1), Slot::new)) {
            assertFalse(engine.hasNext());
            assertThrows(NoSuchElementException.class, engine::next);
        }
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 2})
    void afterCloseEverythingThrowsEngineClosed(int workers) {
        PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(workers, 2), Slot::new);
        engine.start(0, 5, (batch, slot) -> slot.batch = batch);
        engine.release(engine.next());
        engine.close();
        engine.close(); // idempotent
        assertFalse(engine.hasNext());
        assertThrows(EngineClosedException.class, engine::next);
        assertThrows(EngineClosedException.class, () -> engine.start(0, 1, (batch, slot) -> {}));
    }

    @Test
    void closeWakesAConsumerWaitingInNext() throws InterruptedException {
        int before = WorkerThreads.count();
        CountDownLatch loading = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(2, 2), Slot::new);
        engine.start(0, 3, (batch, slot) -> {
            loading.countDown();
            new CountDownLatch(1).await(); // until close() interrupts it
        });
        Thread consumer = new Thread(() -> {
            try {
                engine.next();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "consumer");
        consumer.start();
        loading.await();
        awaitBlocked(consumer);
        engine.close();
        consumer.join();
        assertInstanceOf(EngineClosedException.class, thrown.get());
        assertEquals(before, WorkerThreads.count());
    }

    @Test
    void closeReportsAWorkerThatIgnoresInterrupts() throws InterruptedException {
        Set<Thread> before = WorkerThreads.live();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        PrefetchSettings settings = new PrefetchSettings(1, 1, null, Duration.ofMillis(50));
        PrefetchEngine<Slot> engine = new PrefetchEngine<>(settings, Slot::new);
        engine.start(0, 1, (batch, slot) -> {
            loading.countDown();
            while (true) {
                try {
                    unblock.await();
                    return;
                } catch (InterruptedException ignored) {
                    // a reader that swallows interrupts
                }
            }
        });
        loading.await();
        Set<Thread> started = WorkerThreads.live();
        started.removeAll(before);
        assertEquals(1, started.size());
        Thread worker = started.iterator().next();

        DataSeqException e = assertThrows(DataSeqException.class, engine::close);
        assertTrue(e.getMessage().contains("did not stop") && e.getMessage().contains(worker.getName()),
                e.getMessage());
        unblock.countDown();
        worker.join();
        assertEquals(before.size(), WorkerThreads.count());
    }

    @Test
    void rejectsBadSettingsAndPasses() {
        assertThrows(IllegalArgumentException.class, () -> PrefetchSettings.of(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> PrefetchSettings.of(1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new PrefetchSettings(1, 1, Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new PrefetchSettings(1, 1, null, null));
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(0, 1), Slot::new)) {
            assertThrows(IllegalArgumentException.class, () -> engine.start(-1, 2, (batch, slot) -> {}));
            assertThrows(IllegalArgumentException.class, () -> engine.start(3, 2, (batch, slot) -> {}));
            assertNotNull(engine.settings());
        }
    }

    /** A delay of 0 to 0.3 ms that depends on the batch alone, so runs differ only in thread scheduling. */
    private static void randomDelay(int batch) {
        LockSupport.parkNanos(new SplittableRandom(batch).nextLong(300_000));
    }

    private static Slot nextWaitingOutTimeouts(PrefetchEngine<Slot> engine) {
        for (int attempt = 0; ; attempt++) {
            try {
                return engine.next();
            } catch (BatchTimeoutException e) {
                if (attempt > 1000) {
                    throw e;
                }
            }
        }
    }

    /**
     * Waits until {@code thread} parks (in next(), here), for up to 10 s; gives up quietly then. A bound of a few
     * hundred milliseconds was too short on a loaded machine: a consumer thread that had not reached next() yet
     * claimed a batch of the restarted pass instead of being cancelled.
     */
    /**
     * Waits until {@code thread} waits for a batch inside the engine: parked in a condition's await, called from
     * the engine's next(). The thread state alone is not enough: a thread parked on the engine's lock (not yet
     * holding its claim) is WAITING too, and a test that acts then races the claim.
     */
    private static void awaitBlocked(Thread thread) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !waitsForABatch(thread)) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static boolean waitsForABatch(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        boolean inAwait = false;
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().startsWith("await") && frame.getClassName().contains("ConditionObject")) {
                inAwait = true;
            }
            if (inAwait && frame.getClassName().equals(PrefetchEngine.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
