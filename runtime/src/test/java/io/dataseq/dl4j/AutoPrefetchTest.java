package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataseq.PrefetchSettings;
import io.dataseq.testing.WorkerThreads;
import io.dataseq.timing.PrefetchTuning;
import io.dataseq.timing.StageTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * AUTO workers and prefetch, tuned over the first epoch: more workers for a slow reader whose consumer only waits,
 * one worker and a small window for a consumer slower than its reader, the budget held, given values left alone, and
 * the choice reported in the timings and the log. The readers are slow by parking (as storage would make them) or by
 * computing; no test asserts how long anything took, only which way the tuner went.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class AutoPrefetchTest {
    /** Probe's values per record: 4 features and 2 targets, float32. */
    private static final int BYTES_PER_RECORD = (Probe.FEATURES + Probe.TARGETS) * Float.BYTES;

    // Strongly held: JUL keeps loggers weakly, and a collected logger would lose the handler.
    private final Logger log = Logger.getLogger(PrefetchingIterator.class.getName());
    private final List<LogRecord> infos = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.INFO) {
                synchronized (infos) {
                    infos.add(record);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    /** A reader that waits half a millisecond per record, as one reading from slow storage would. */
    private static Probe waitingReader(int records) {
        return new Probe(records, false, (epoch, record) -> LockSupport.parkNanos(500_000));
    }

    @Test
    void aSlowReaderOfAnIdleConsumerGetsMoreWorkersAndKeepsThem() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one core: one worker is all AUTO gives");
        int threadsBefore = WorkerThreads.count();
        try (ProbeSequence sequence = ProbeSequence.builder(waitingReader(480)).batchSize(4).build()) {
            PrefetchSettings start = sequence.prefetchSettings();
            assertEquals(1, start.workers());
            sequence.next();
            StageTimings tuning = sequence.timings();
            assertEquals(PrefetchTuning.TUNING, tuning.prefetchTuning());
            assertTrue(tuning.toString().endsWith("; 1 worker, prefetch 1 (AUTO, tuning)"), tuning.toString());
            drain(sequence);

            PrefetchSettings chosen = sequence.prefetchSettings();
            assertTrue(chosen.workers() > start.workers(), "started with 1 worker, chose " + chosen);
            assertTrue(chosen.window() >= chosen.workers(), chosen.toString());
            StageTimings epoch = sequence.timings();
            assertEquals(PrefetchTuning.TUNED, epoch.prefetchTuning());
            assertEquals(chosen.workers(), epoch.workers());
            assertEquals(chosen.window(), epoch.prefetch());
            assertTrue(epoch.toString().endsWith("; " + chosen.workers() + " workers, prefetch " + chosen.window()
                    + " (chosen by AUTO)"), epoch.toString());
            assertEquals(1, infos.size(), "one line for the choice");
            String message = infos.get(0).getMessage();
            assertTrue(message.startsWith("AUTO prefetch chose " + chosen.workers() + " workers and a prefetch of "
                    + chosen.window() + " over epoch 0, starting from 1 worker and a prefetch of 1 ("), message);

            sequence.reset();
            drain(sequence);
            assertEquals(chosen, sequence.prefetchSettings(), "fixed after the first epoch");
            assertEquals(PrefetchTuning.TUNED, sequence.timings().prefetchTuning());
            assertEquals(1, infos.size());
        }
        assertEquals(threadsBefore, WorkerThreads.count(), "close() joins the threads the tuner started");
    }

    @Test
    void aReaderThatComputesGetsAWorkerPerCoreForAnIdleConsumer() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one core: one worker is all there is");
        Probe computing = new Probe(320, false, (epoch, record) -> burn());
        try (ProbeSequence sequence = ProbeSequence.builder(computing).batchSize(4).build()) {
            drain(sequence);
            PrefetchSettings chosen = sequence.prefetchSettings();
            assertTrue(chosen.workers() > 1, chosen.toString());
            assertTrue(chosen.workers() <= Runtime.getRuntime().availableProcessors(), "a worker per core at most: "
                    + chosen);
        }
    }

    @Test
    void aSlowConsumerOfACheapReaderKeepsOneWorkerAndASmallWindow() {
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(400)).batchSize(4).build()) {
            while (sequence.hasNext()) {
                sequence.next();
                LockSupport.parkNanos(3_000_000); // a training step
            }
            PrefetchSettings chosen = sequence.prefetchSettings();
            assertEquals(1, chosen.workers(), chosen.toString());
            assertTrue(chosen.window() <= 2, chosen.toString());
            assertTrue(sequence.allocatedBuffers() <= chosen.window() + 1, sequence.allocatedBuffers() + " buffers");
            assertEquals(PrefetchTuning.TUNED, sequence.timings().prefetchTuning());
        }
    }

    @Test
    void theWindowNeverExceedsTheMemoryBudget() {
        int batchBytes = 4 * BYTES_PER_RECORD;
        try (ProbeSequence sequence = ProbeSequence.builder(waitingReader(480)).batchSize(4)
                .prefetchMemory(3L * batchBytes + batchBytes / 2).build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                while (sequence.hasNext()) {
                    sequence.next();
                    assertTrue(sequence.prefetchSettings().window() <= 2, sequence.prefetchSettings().toString());
                    assertTrue(sequence.allocatedBuffers() <= 3, sequence.allocatedBuffers() + " buffers");
                }
                sequence.reset();
            }
            PrefetchSettings chosen = sequence.prefetchSettings();
            assertTrue(chosen.workers() <= chosen.window(), "no more workers than batches in flight: " + chosen);
            assertTrue(infos.get(0).getMessage().contains("holds a window of up to 2"), infos.get(0).getMessage());
        }
    }

    @Test
    void givenValuesAreNeverChanged() {
        try (ProbeSequence sequence = ProbeSequence.builder(waitingReader(200)).batchSize(4).workers(1).prefetch(1)
                .build()) {
            drain(sequence);
            assertEquals(1, sequence.prefetchSettings().workers());
            assertEquals(1, sequence.prefetchSettings().window());
            assertEquals(PrefetchTuning.FIXED, sequence.timings().prefetchTuning());
            assertTrue(sequence.timings().toString().endsWith("; 1 worker, prefetch 1"), sequence.timings().toString());
        }
        try (ProbeSequence sequence = ProbeSequence.builder(waitingReader(200)).batchSize(4).prefetch(2).build()) {
            drain(sequence);
            PrefetchSettings chosen = sequence.prefetchSettings();
            assertEquals(2, chosen.window(), "the prefetch given");
            assertTrue(chosen.workers() <= 2, "no more workers than the batches in flight: " + chosen);
            assertTrue(infos.get(0).getMessage().contains("and a prefetch of 2 (given)"), infos.get(0).getMessage());
        }
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(20)).batchSize(4).workers(0).build()) {
            drain(sequence);
            assertEquals(0, sequence.prefetchSettings().workers());
            assertEquals(PrefetchTuning.FIXED, sequence.timings().prefetchTuning(), "nothing to tune on one thread");
        }
        assertFalse(infos.size() > 1, "only the sequence with AUTO workers logged a choice: " + infos.size());
    }

    /** A fixed amount of computing (a few hundred microseconds), of a value the JIT cannot drop. */
    private static void burn() {
        double x = 1;
        for (int i = 0; i < 100_000; i++) {
            x = Math.sqrt(x + i);
        }
        if (x < 0) {
            throw new AssertionError(x);
        }
    }

    private static void drain(DataSetSequence sequence) {
        while (sequence.hasNext()) {
            sequence.next();
        }
    }
}
