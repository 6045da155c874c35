package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.progress.ProgressListener;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stage timings, the starved-consumer warning and progress events. No test asserts how long anything takes. */
class TimingsTest {
    private static final Path MNIST = Path.of("../examples/data/mnist-jpg");

    // Strongly held: JUL keeps loggers weakly, and a collected logger would lose the handler.
    private final Logger log = Logger.getLogger(PrefetchingIterator.class.getName());
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(record);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureWarnings() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseWarnings() {
        log.removeHandler(capture);
    }

    private static List<Path> digits(int count) throws IOException {
        try (Stream<Path> files = Files.walk(MNIST)) {
            return files.filter(file -> file.toString().endsWith(".jpg")).sorted().limit(count)
                    .collect(Collectors.toList());
        }
    }

    @Test
    void everyStageOfAnImageIsTimedAndTheTotalsFitInTheEpoch() throws Exception {
        try (DigitsSequence sequence = DigitsSequence.builder(new Digits(digits(120))).batchSize(10).workers(1)
                .build()) {
            drain(sequence);
            StageTimings timings = sequence.timings();
            assertEquals(0, timings.epoch());
            assertEquals(120, timings.records());
            assertEquals(12, timings.batches());
            for (Stage stage : List.of(Stage.READ, Stage.DECODE, Stage.ASSEMBLE)) {
                assertTrue(timings.total(stage).toNanos() > 0, stage + " timed: " + timings);
                assertTrue(timings.perRecord(stage).compareTo(timings.total(stage)) <= 0, stage + ": " + timings);
            }
            // One worker, and every batch filled after the epoch started and before its last batch was delivered.
            assertTrue(timings.workerTotal().compareTo(timings.elapsed()) <= 0, timings.toString());
            assertTrue(timings.consumerWait().compareTo(timings.elapsed()) <= 0, timings.toString());
            assertTrue(timings.recordsPerSecond() > 0, timings.toString());
            assertTrue(timings.toString().contains("decode"), timings.toString());

            Duration elapsed = timings.elapsed();
            Thread.sleep(5);
            assertEquals(elapsed, sequence.timings().elapsed(), "an ended epoch's clock is stopped");

            sequence.reset();
            assertTrue(sequence.hasNext());
            sequence.next();
            StageTimings second = sequence.timings();
            assertEquals(1, second.epoch(), "counts start again with each epoch");
            assertTrue(second.records() < 120, second.toString());
        }
    }

    @Test
    void withoutTimingsOnlyTheConsumersWaitIsCounted() throws Exception {
        Probe slow = new Probe(40, false, (epoch, record) -> Thread.sleep(1));
        try (ProbeSequence sequence = ProbeSequence.builder(slow).batchSize(4).workers(1).timings(false).build()) {
            drain(sequence);
            StageTimings timings = sequence.timings();
            assertEquals(Duration.ZERO, timings.workerTotal());
            assertEquals(0, timings.records());
            assertTrue(timings.consumerWait().toNanos() > 0, timings.toString());
        }
    }

    @Test
    void aFastConsumerOfASlowReaderIsWarnedOncePerEpoch() throws Exception {
        Probe slow = new Probe(48, false, (epoch, record) -> Thread.sleep(2));
        try (ProbeSequence sequence = ProbeSequence.builder(slow).batchSize(4).workers(1).prefetch(2).build()) {
            drain(sequence);
            assertTrue(sequence.timings().consumerWaitShare() > PrefetchingIterator.WAIT_WARNING_SHARE,
                    sequence.timings().toString());
            assertEquals(1, warnings.size(), "one warning for the epoch");
            String message = warnings.get(0).getMessage();
            assertTrue(message.startsWith("the consumer waited for data "), message);
            assertTrue(message.contains("epoch 0"), message);
            assertTrue(message.contains("workers (now 1"), message); // StarvedWarningTest: what it says per core count
            assertTrue(message.contains("a larger prefetch (now 2)"), message);
            assertTrue(message.contains("us in read"), message);
            Thread.sleep(5);
            sequence.timings();
            assertEquals(1, warnings.size(), "not again until the next epoch");

            sequence.reset();
            drain(sequence);
            assertEquals(2, warnings.size(), "once more for epoch 1");
        }
    }

    @Test
    void aSlowConsumerOfAFastReaderIsNotWarned() throws Exception {
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(48)).batchSize(4).workers(1).build()) {
            while (sequence.hasNext()) {
                sequence.next();
                Thread.sleep(10); // a training step
            }
            assertTrue(sequence.timings().consumerWaitShare() < PrefetchingIterator.WAIT_WARNING_SHARE,
                    sequence.timings().toString());
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void anEpochTooShortToJudgeIsNotWarned() throws Exception {
        Probe slow = new Probe(8, false, (epoch, record) -> Thread.sleep(2));
        try (ProbeSequence sequence = ProbeSequence.builder(slow).batchSize(4).workers(1).build()) {
            drain(sequence);
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void theProgressListenerSeesEachEpochAndEveryRecord() throws Exception {
        List<String> events = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void epochStarted(int epoch, long records) {
                events.add("start " + epoch + " of " + records);
            }

            @Override
            public void batchDelivered(int records) {
                events.add("batch " + records);
            }

            @Override
            public void epochEnded(StageTimings timings) {
                events.add("end " + timings.epoch());
            }
        };
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(10)).batchSize(4).workers(2).progress(listener)
                .build()) {
            drain(sequence);
            sequence.reset();
            sequence.next();
        }
        assertEquals(List.of("start 0 of 10", "batch 4", "batch 4", "batch 2", "end 0",
                "start 1 of 10", "batch 4", "end 1"), events, "close() ends the epoch in progress");
    }

    @Test
    void theProgressListenerIsToldOfSkippedRecordsSoThatDeliveredAndSkippedMakeTheEpoch() throws Exception {
        List<String> events = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void epochStarted(int epoch, long records) {
                events.add("start " + epoch + " of " + records);
            }

            @Override
            public void batchDelivered(int records) {
                events.add("batch " + records);
            }

            @Override
            public void recordsSkipped(int records) {
                events.add("skipped " + records);
            }

            @Override
            public void epochEnded(StageTimings timings) {
                events.add("end " + timings.epoch());
            }
        };
        Probe corrupt = new Probe(10, false, (epoch, record) -> {
            if (record == 1 || record == 4 || record == 5 || record == 6 || record == 7) {
                throw new Probe.Corrupt(epoch, record);
            }
        });
        try (ProbeSequence sequence = ProbeSequence.builder(corrupt).batchSize(4).workers(2)
                .onError(io.dataseq.annotation.ErrorPolicy.SKIP).progress(listener).build()) {
            drain(sequence);
        }
        // the second batch (records 4..7) is all skipped: passed over, never delivered, its skips still told
        assertEquals(List.of("start 0 of 10", "skipped 1", "batch 3", "skipped 4", "batch 2", "end 0"), events);
    }

    @Test
    void progressTrueWithoutATerminalDrawsNothing() {
        // Surefire's forked JVM has no console: the bar must stay out of logs and CI output.
        assertEquals(ProgressListener.NONE, ProgressListener.console());
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(10)).progress(true).build()) {
            drain(sequence);
        }
    }

    private static void drain(DataSetSequence sequence) {
        while (sequence.hasNext()) {
            sequence.next();
        }
    }
}
