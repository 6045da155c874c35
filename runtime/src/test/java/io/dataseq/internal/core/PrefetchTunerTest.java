package io.dataseq.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.internal.core.PrefetchTuner.Choice;
import io.dataseq.internal.core.PrefetchTuner.Step;
import io.dataseq.internal.engine.WorkerTime;
import io.dataseq.testing.SeededCases;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The AUTO tuner's rule as a function of what a step measured: the named situations, then properties over random
 * measurements (given values never change, limits hold, one step at a time, nothing raised while the consumer does
 * not wait, no more workers than the cores the consumer leaves).
 */
class PrefetchTunerTest {
    private static final long STEP = 100_000_000L; // a step of 100 ms
    private static final AutoTuning TWO_CORES = new AutoTuning(true, true, 2, 2, 1_000, 100_000);

    /** A step in which the consumer waited {@code waited} of the time and the workers as the shares say. */
    private static Step step(int workers, double waited, double busy, double heldBack) {
        return new Step(STEP, (long) (waited * STEP), new WorkerTime((long) (busy * workers * STEP),
                (long) (heldBack * workers * STEP)));
    }

    @Test
    void anIdleConsumerOfBusyWorkersGetsEveryCoreAndNoMore() {
        Choice one = new Choice(1, 1);
        Choice two = PrefetchTuner.next(one, step(1, 0.95, 1.0, 0), TWO_CORES);
        assertEquals(new Choice(2, 2), two, "one worker per core, the window with them");
        assertEquals(two, PrefetchTuner.next(two, step(2, 0.9, 0.98, 0), TWO_CORES), "a third would share a core");
        assertEquals(new Choice(2, 3), PrefetchTuner.next(two, step(2, 0.9, 0.7, 0.3), TWO_CORES),
                "workers held back by the window: a larger window");
    }

    @Test
    void aComputingConsumerKeepsACore() {
        Choice one = new Choice(1, 1);
        assertEquals(one, PrefetchTuner.next(one, step(1, 0.2, 1.0, 0), TWO_CORES),
                "the consumer computes 80% of the time: a second worker would take its core");
        AutoTuning eight = new AutoTuning(true, true, 8, 8, 1_000, 100_000);
        assertEquals(new Choice(2, 2), PrefetchTuner.next(one, step(1, 0.2, 1.0, 0), eight));
        Choice six = new Choice(6, 6);
        assertEquals(new Choice(7, 7), PrefetchTuner.next(six, step(6, 0.2, 1.0, 0), eight),
                "7 workers and the consumer fit in 8 cores");
        Choice seven = new Choice(7, 7);
        assertEquals(seven, PrefetchTuner.next(seven, step(7, 0.2, 1.0, 0), eight), "8 would not");
        assertEquals(new Choice(8, 8), PrefetchTuner.next(seven, step(7, 0.6, 1.0, 0), eight),
                "a consumer that mostly waits leaves every core");
        assertEquals(one, PrefetchTuner.next(one, step(1, 0.0, 0.1, 0.9), TWO_CORES),
                "a consumer that never waits changes nothing");
    }

    @Test
    void theWindowStaysWithinTheMemoryBudget() {
        AutoTuning budget = new AutoTuning(true, true, 2, 2, 1_000, 4_500); // 4 buffers: a window of 3
        assertEquals(3, budget.maxWindow());
        Choice choice = new Choice(2, 2);
        for (int i = 0; i < 10; i++) {
            choice = PrefetchTuner.next(choice, step(choice.workers(), 0.9, 0.5, 0.5), budget);
        }
        assertEquals(new Choice(2, 3), choice, "two per worker would be 4");
        assertEquals(1, new AutoTuning(true, true, 2, 2, 1_000, 10).maxWindow(), "one batch in flight at least");
    }

    @Test
    void theWindowGrowsToTwoBatchesPerWorker() {
        Choice choice = new Choice(1, 1);
        for (int i = 0; i < 10; i++) {
            choice = PrefetchTuner.next(choice, step(choice.workers(), 0.9, 0.5, 0.5), TWO_CORES);
        }
        assertEquals(new Choice(1, 2), choice, "held back, one worker: 2 batches");
        choice = PrefetchTuner.next(choice, step(1, 0.9, 1.0, 0), TWO_CORES);
        for (int i = 0; i < 10; i++) {
            choice = PrefetchTuner.next(choice, step(choice.workers(), 0.9, 0.5, 0.5), TWO_CORES);
        }
        assertEquals(new Choice(2, 4), choice, "two workers: 4");
    }

    @Test
    void aWorkerGoesWhenTheOthersWouldKeepUp() {
        AutoTuning four = new AutoTuning(true, true, 4, 4, 1_000, 100_000);
        Choice three = new Choice(3, 4);
        assertEquals(new Choice(2, 4), PrefetchTuner.next(three, step(3, 0.005, 0.3, 0.5), four));
        assertEquals(three, PrefetchTuner.next(three, step(3, 0.005, 0.6, 0), four), "two would be busy 90%");
        assertEquals(three, PrefetchTuner.next(three, step(3, 0.03, 0.3, 0), four),
                "the consumer still waited a little");
    }

    @Test
    void givenValuesNeverChange() {
        AutoTuning givenWindow = new AutoTuning(true, false, 4, 4, 1_000, 100_000);
        Choice choice = new Choice(1, 2);
        for (int i = 0; i < 10; i++) {
            choice = PrefetchTuner.next(choice, step(choice.workers(), 0.9, 1.0, 0.5), givenWindow);
        }
        assertEquals(new Choice(2, 2), choice, "no more workers than batches in flight");
        AutoTuning givenWorkers = new AutoTuning(false, true, 3, 2, 1_000, 100_000);
        choice = new Choice(3, 3);
        for (int i = 0; i < 10; i++) {
            choice = PrefetchTuner.next(choice, step(3, 0.001, 0.1, 0.5), givenWorkers);
        }
        assertEquals(new Choice(3, 3), choice);
    }

    /** One situation: the limits, where the tuner is, and what a step measured. */
    record Case(AutoTuning limits, Choice now, Step step) {
        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(0x7E_4E5L + number);
            int cores = 1 + random.nextInt(16);
            boolean autoWorkers = random.nextInt(4) != 0;
            AutoTuning limits = new AutoTuning(autoWorkers, random.nextInt(4) != 0,
                    autoWorkers ? cores : 1 + random.nextInt(2 * cores), cores, 1 + random.nextInt(10_000),
                    random.nextInt(200_000));
            int workers = 1 + random.nextInt(limits.maxWorkers());
            int window = limits.window() ? Math.max(workers, 1 + random.nextInt(limits.maxWindow()))
                    : workers + random.nextInt(4);
            long nanos = 1 + random.nextLong(1_000_000_000L);
            double busy = random.nextDouble();
            Step step = new Step(nanos, (long) (random.nextDouble() * nanos), new WorkerTime(
                    (long) (busy * workers * nanos), (long) (random.nextDouble() * (1 - busy) * workers * nanos)));
            return new Case(limits, new Choice(workers, window), step);
        }
    }

    @Test
    void everyStepKeepsTheRules() {
        SeededCases.check("dataseq.prefetchTuner.case", 20_000, Case::draw, (number, c) -> {
            Choice now = c.now();
            Choice next = PrefetchTuner.next(now, c.step(), c.limits());
            AutoTuning limits = c.limits();
            if (!limits.workers()) {
                assertEquals(now.workers(), next.workers(), "given workers");
            }
            if (!limits.window()) {
                assertEquals(now.window(), next.window(), "given window");
            }
            assertTrue(next.workers() >= 1 && next.workers() <= Math.max(now.workers(), limits.maxWorkers()));
            assertTrue(next.window() <= Math.max(now.window(), limits.maxWindow()), "within the budget");
            assertTrue(next.window() == now.window() || next.window() <= PrefetchTuner.WINDOW_PER_WORKER
                    * next.workers(), "at most two batches per worker");
            assertTrue(next.workers() <= next.window() || next.workers() <= now.workers(),
                    "a worker is added only with a batch for it");
            assertTrue(Math.abs(next.workers() - now.workers()) <= 1 && next.window() >= now.window()
                    && next.window() - now.window() <= 1, "one step at a time; the window never shrinks");
            double waited = (double) c.step().waitNanos() / c.step().nanos();
            if (waited <= PrefetchTuner.WAITING) {
                assertTrue(next.workers() <= now.workers() && next.window() == now.window(),
                        "raised while the consumer did not wait");
            }
            if (waited >= PrefetchTuner.NEVER_WAITING) {
                assertTrue(next.workers() >= now.workers(), "lowered while the consumer waited");
            }
            if (next.workers() > now.workers()) {
                int left = Math.max(1, waited < PrefetchTuner.COMPUTING ? limits.cores() - 1 : limits.cores());
                assertTrue(next.workers() <= left, "more workers than the cores the consumer leaves");
            }
        });
    }
}
