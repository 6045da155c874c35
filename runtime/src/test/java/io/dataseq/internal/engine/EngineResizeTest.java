package io.dataseq.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.EngineClosedException;
import io.dataseq.PrefetchSettings;
import io.dataseq.internal.engine.PrefetchEngineTest.Slot;
import io.dataseq.testing.SeededCases;
import io.dataseq.testing.WorkerThreads;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine resized while passes run, as the AUTO tuner does: every batch still reaches the consumer once and in
 * order, the slots stay within the largest window plus the one held, workers past the active count take no batch,
 * and close() joins every thread, those started by a resize included.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class EngineResizeTest {
    private static final String REPLAY = "dataseq.engineResize.case";

    /** A pass of {@code batches}, with the engine resized to a random size before each of {@code resizes} batches. */
    record Case(int batches, int startWindow, long seed) {
        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(0x5EED_2E51L + number);
            return new Case(1 + random.nextInt(60), 1 + random.nextInt(4), random.nextLong());
        }
    }

    @Test
    void batchesArriveOnceAndInOrderWhateverTheResizes() {
        int before = WorkerThreads.count();
        SeededCases.check(REPLAY, 60, Case::draw, (number, c) -> {
            SplittableRandom random = new SplittableRandom(c.seed());
            int largestWindow = c.startWindow();
            try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(1, c.startWindow()),
                    Slot::new)) {
                for (int pass = 0; pass < 3; pass++) {
                    int passNumber = pass;
                    engine.start(0, c.batches(), (batch, slot) -> {
                        LockSupport.parkNanos(new SplittableRandom(batch * 31L + passNumber).nextLong(200_000));
                        slot.batch = batch;
                        slot.pass = passNumber;
                    });
                    Slot held = null;
                    for (int batch = 0; batch < c.batches(); batch++) {
                        if (random.nextInt(3) == 0) {
                            int window = 1 + random.nextInt(6);
                            engine.resize(1 + random.nextInt(5), window);
                            largestWindow = Math.max(largestWindow, window);
                        }
                        Slot slot = engine.next();
                        assertEquals(batch, slot.batch, "pass " + pass);
                        assertEquals(pass, slot.pass, "pass " + pass);
                        assertTrue(engine.allocatedSlots() <= largestWindow + 1,
                                engine.allocatedSlots() + " slots, the largest window " + largestWindow);
                        if (held != null) {
                            engine.release(held);
                        }
                        held = slot;
                    }
                    assertFalse(engine.hasNext());
                    engine.release(held);
                }
            }
        });
        assertEquals(before, WorkerThreads.count(), "threads started by resize() are joined by close()");
    }

    @Test
    void workersPastTheActiveCountTakeNoBatch() {
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(1, 4), Slot::new)) {
            engine.resize(3, 4);
            assertEquals(3, engine.settings().workers());
            engine.resize(1, 4);
            Set<String> loaders = ConcurrentHashMap.newKeySet();
            engine.start(0, 40, (batch, slot) -> {
                loaders.add(Thread.currentThread().getName());
                slot.batch = batch;
            });
            for (int batch = 0; batch < 40; batch++) {
                engine.release(engine.next());
            }
            assertEquals(1, loaders.size(), "loaded on " + loaders);

            engine.resize(3, 4);
            engine.start(0, 40, (batch, slot) -> {
                loaders.add(Thread.currentThread().getName());
                LockSupport.parkNanos(100_000);
                slot.batch = batch;
            });
            for (int batch = 0; batch < 40; batch++) {
                engine.release(engine.next());
            }
            assertTrue(loaders.size() <= 3, "loaded on " + loaders);
        }
    }

    @Test
    void measuresTheWorkersOnlyWhenAsked() {
        try (PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(1, 2), Slot::new)) {
            engine.start(0, 4, (batch, slot) -> LockSupport.parkNanos(1_000_000));
            for (int batch = 0; batch < 4; batch++) {
                engine.release(engine.next());
            }
            assertEquals(new WorkerTime(0, 0), engine.workerTime(), "not measuring");

            engine.measure(true);
            engine.start(0, 4, (batch, slot) -> LockSupport.parkNanos(1_000_000));
            for (int batch = 0; batch < 4; batch++) {
                engine.release(engine.next());
            }
            WorkerTime measured = engine.workerTime();
            assertTrue(measured.loadNanos() > 0, measured.toString());
            assertEquals(new WorkerTime(0, 0), measured.since(measured));
        }
    }

    @Test
    void anEngineWithoutWorkersOrClosedCannotBeResized() {
        PrefetchEngine<Slot> inline = new PrefetchEngine<>(PrefetchSettings.of(0, 1), Slot::new);
        assertThrows(IllegalStateException.class, () -> inline.resize(1, 1));
        inline.close();
        PrefetchEngine<Slot> engine = new PrefetchEngine<>(PrefetchSettings.of(1, 1), Slot::new);
        assertThrows(IllegalArgumentException.class, () -> engine.resize(0, 1));
        assertThrows(IllegalArgumentException.class, () -> engine.resize(1, 0));
        engine.close();
        assertThrows(EngineClosedException.class, () -> engine.resize(2, 2));
    }
}
