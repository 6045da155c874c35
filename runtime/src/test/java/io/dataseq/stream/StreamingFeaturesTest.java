package io.dataseq.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordMetaData;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.dl4j.PrefetchingIterator;
import io.dataseq.index.RecordSubset;
import io.dataseq.progress.ProgressListener;
import io.dataseq.testing.WorkerThreads;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageTimings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A streaming reader has every feature of a random access one (docs/streaming.md's table): several inputs and
 * outputs, class names, timings, progress, row metadata, subsets; and the settings a stream cannot have are refused
 * with the reason.
 */
class StreamingFeaturesTest {

    @Test
    void severalInputsAndOutputsComeAsAMultiDataSetInDeclaredOrder() {
        try (NumberPairsSequence sequence = NumberPairsSequence.builder(new Numbers(), Numbers.Source.counting(20))
                .workers(2).build()) {
            assertEquals(List.of("features", "negated"), sequence.inputNames());
            assertEquals(List.of("label", "half"), sequence.outputNames());
            assertEquals(List.of("zero", "one", "two"), sequence.classNames());
            MultiDataSet batch = sequence.next();
            assertEquals(2, batch.getFeatures().length);
            assertEquals(2, batch.getLabels().length);
            for (int row = 0; row < 8; row++) {
                assertEquals(row, batch.getFeatures(0).getFloat(row, 0));
                assertEquals(-row, batch.getFeatures(1).getFloat(row, 0));
                assertEquals(1f, batch.getLabels(0).getFloat(row, row % 3));
                assertEquals(row / 2f, batch.getLabels(1).getFloat(row, 0));
            }
        }
    }

    @Test
    void classNamesCanBeGivenAtRunTime() {
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), Numbers.Source.counting(4))
                .classNames(List.of("a", "b", "c")).workers(0).build()) {
            assertEquals(List.of("a", "b", "c"), sequence.getLabels());
        }
        assertThrows(IllegalArgumentException.class, () -> NumbersSequence.builder(new Numbers(),
                Numbers.Source.counting(4)).classNames(List.of("a", "b")));
    }

    @Test
    void rowsCarryTheirSourcePositionAndDescriptionWhenAsked() {
        Numbers failingSeven = new Numbers(false, number -> number == 7, 0);
        try (NumbersSequence sequence = NumbersSequence.builder(failingSeven, Numbers.Source.counting(12))
                .exampleMetaData(true).onError(ErrorPolicy.SKIP).workers(2).build()) {
            List<RecordMetaData> rows = new ArrayList<>();
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                List<Serializable> metaData = batch.getExampleMetaData();
                assertEquals(batch.numExamples(), metaData.size());
                metaData.forEach(row -> rows.add((RecordMetaData) row));
            }
            assertEquals(11, rows.size(), "the skipped record has no row");
            assertEquals(new RecordMetaData(8, "source position 8: number 8"), rows.get(7));
            assertEquals(7, sequence.skipped().get(0).record());
        }
        try (NumbersSequence plain = NumbersSequence.builder(new Numbers(), Numbers.Source.counting(3)).workers(0)
                .build()) {
            assertNull(plain.next().getExampleMetaData(), "no metadata unless asked");
        }
    }

    @Test
    void timingsAndProgressCoverStreamedAndRecordedEpochs() {
        List<Long> started = new ArrayList<>();
        List<Integer> delivered = new ArrayList<>();
        List<StageTimings> ended = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void epochStarted(int epoch, long records) {
                started.add(records);
            }

            @Override
            public void batchDelivered(int records) {
                delivered.add(records);
            }

            @Override
            public void epochEnded(StageTimings timings) {
                ended.add(timings);
            }
        };
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(false, n -> false, 20_000),
                Numbers.Source.counting(40)).progress(listener).workers(2).build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                while (sequence.hasNext()) {
                    sequence.next();
                }
                StageTimings timings = sequence.timings();
                assertEquals(40, timings.records(), "epoch " + epoch);
                assertTrue(timings.total(Stage.READ).toNanos() > 0, "epoch " + epoch);
                sequence.reset();
            }
        }
        assertEquals(List.of((long) PrefetchingIterator.UNKNOWN, 40L), started, "unknown while recording");
        assertEquals(2, ended.size());
        assertEquals(80, delivered.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void aSubsetOfARecordedSourceIsReadAfterRecordingIt() {
        try (NumbersSequence sequence = NumbersSequence.builder(new Numbers(), Numbers.Source.counting(30))
                .subset(RecordSubset.range(10, 20)).batchSize(4).workers(2).build()) {
            List<Long> numbers = new ArrayList<>();
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                for (int row = 0; row < batch.numExamples(); row++) {
                    numbers.add((long) batch.getFeatures().getFloat(row, 0));
                }
            }
            assertEquals(java.util.stream.LongStream.range(10, 20).boxed().toList(), numbers);
            assertEquals(10, sequence.records());
        }
    }

    @Test
    void closeJoinsEveryWorkerAndClosesTheSourceWhateverThePassWasDoing() {
        int before = WorkerThreads.count();
        for (int round = 0; round < 60; round++) {
            Numbers.Source source = Numbers.Source.counting(round % 3 == 0 ? -1 : 50);
            NumbersSequence.Builder builder = NumbersSequence.builder(new Numbers(), source).batchSize(4)
                    .workers(round % 4).prefetch(1 + round % 3);
            if (round % 3 == 0) {
                builder.stepsPerEpoch(5);
            }
            try (NumbersSequence sequence = builder.build()) {
                for (int b = 0; b < round % 7; b++) {
                    if (!sequence.hasNext()) {
                        sequence.reset();
                    }
                    sequence.next();
                }
                if (round % 2 == 0) {
                    sequence.reset();
                }
            }
            assertEquals(before, WorkerThreads.count(), "round " + round + ": threads left behind");
            assertEquals(source.opened.get(), source.closed.get(), "round " + round + ": an opening left open");
        }
    }

    /**
     * A source stuck in a call that ignores interrupts: close() still returns, within the engine's close timeout,
     * and says which worker is stuck (before, it waited for the stuck pull for ever).
     */
    @Test
    @org.junit.jupiter.api.Timeout(60) // a guard against the hang this test is about, not a timing assertion
    void closeReturnsAndNamesTheWorkerWhenTheSourceIsStuck() throws InterruptedException {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        DescriptorSource<Long> stuck = () -> new java.util.Iterator<Long>() {
            private long next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Long next() {
                if (next == 3) {
                    inside.countDown();
                    while (release.getCount() > 0) {
                        try {
                            release.await(); // a call that ignores interrupts
                        } catch (InterruptedException ignored) {
                            // keep waiting
                        }
                    }
                }
                return next++;
            }
        };
        NumbersSequence sequence = NumbersSequence.builder(new Numbers(), stuck).batchSize(2).workers(1).build();
        assertEquals(2, sequence.next().numExamples());
        inside.await();
        io.dataseq.DataSeqException e = assertThrows(io.dataseq.DataSeqException.class, sequence::close);
        assertTrue(e.getMessage().contains("did not stop") && e.getMessage().contains("dataseq-worker"),
                e.getMessage());
        release.countDown(); // let the stuck worker go
    }

    @Test
    void settingsAStreamCannotHaveAreRefusedWithTheReason() {
        IllegalArgumentException subset = assertThrows(IllegalArgumentException.class,
                () -> NumbersSequence.builder(new Numbers(), Numbers.Source.counting(-1)).stepsPerEpoch(3)
                        .subset(RecordSubset.range(0, 2)).build());
        assertTrue(subset.getMessage().contains("endless stream"), subset.getMessage());
        IllegalArgumentException buffer = assertThrows(IllegalArgumentException.class,
                () -> NumbersSequence.builder(new Numbers(), Numbers.Source.counting(-1)).stepsPerEpoch(3)
                        .shuffleBuffer(0).build());
        assertTrue(buffer.getMessage().contains("shuffleBuffer"), buffer.getMessage());
        IllegalArgumentException tooFar = assertThrows(IllegalArgumentException.class,
                () -> NumbersSequence.builder(new Numbers(), Numbers.Source.counting(-1)).stepsPerEpoch(3)
                        .resumeFrom(new io.dataseq.Position(0, 0, 4)).build());
        assertTrue(tooFar.getMessage().contains("past the 3 batches"), tooFar.getMessage());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().startsWith("dataseq-worker") && !thread.isDaemon()));
    }
}
