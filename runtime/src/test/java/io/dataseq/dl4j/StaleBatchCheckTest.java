package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code checkStaleBatches}: a batch kept past its validity (the same thread's next {@code next()}, a
 * {@code reset()}, {@code close()}) throws an {@link IllegalStateException} that names it, instead of reading the
 * records its recycled buffer holds now; a batch used while valid, by any consumer thread, never does. On by default
 * here: Surefire runs the tests with {@code -ea}.
 */
@Timeout(120) // a guard against a hang, not a timing assertion
class StaleBatchCheckTest {
    private static final int BATCHES = 80;

    @Test
    void theDefaultIsOnWhenAssertionsAreEnabled() {
        assertTrue(SequenceBuilder.class.desiredAssertionStatus(), "Surefire runs with -ea");
        try (RowsSequence sequence = RowsSequence.builder(new Rows(40)).batchSize(4).workers(1).build()) {
            DataSet first = sequence.next();
            sequence.next();
            assertThrows(IllegalStateException.class, first::getFeatures);
        }
    }

    @Test
    void everyBatchKeptPastTheNextNextIsDetectedAndTheValidOneReadsItsRecords() {
        for (int workers : new int[] {0, 2}) {
            try (RowsSequence sequence = RowsSequence.builder(new Rows(4 * BATCHES)).batchSize(4).workers(workers)
                    .prefetch(2).checkStaleBatches(true).build()) {
                List<DataSet> kept = new ArrayList<>();
                while (sequence.hasNext()) {
                    kept.add(sequence.next());
                }
                assertEquals(BATCHES, kept.size());
                int detected = 0;
                for (int b = 0; b < BATCHES - 1; b++) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, kept.get(b)::getFeatures);
                    assertTrue(e.getMessage().startsWith("batch " + b + " of epoch 0 was used after its buffer was"
                            + " recycled"), e.getMessage());
                    detected++;
                }
                assertEquals(BATCHES - 1, detected, "workers " + workers);
                DataSet last = kept.get(BATCHES - 1);
                assertEquals(4 * (BATCHES - 1), (int) last.getFeatures().getFloat(0, 0), "the valid batch is whole");
            }
        }
    }

    @Test
    void withTheCheckOffAKeptBatchSilentlyHoldsOtherRecords() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(4 * BATCHES)).batchSize(4).workers(2)
                .prefetch(2).checkStaleBatches(false).build()) {
            List<DataSet> kept = new ArrayList<>();
            while (sequence.hasNext()) {
                kept.add(sequence.next());
            }
            int wrong = 0;
            for (int b = 0; b < BATCHES; b++) {
                if ((int) kept.get(b).getFeatures().getFloat(0, 0) != 4 * b) {
                    wrong++;
                }
            }
            assertTrue(wrong > BATCHES / 2, wrong + " of " + BATCHES + " kept views held other records");
        }
    }

    @Test
    void theMessageNamesTheBatchTheThreadsAndTheFix() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(40)).batchSize(4).workers(2)
                .checkStaleBatches(true).build()) {
            sequence.next();
            sequence.next();
            sequence.next();
            DataSet fourth = sequence.next();
            sequence.next();
            String thread = Thread.currentThread().getName();
            IllegalStateException e = assertThrows(IllegalStateException.class, fourth::getLabels);
            assertEquals("batch 3 of epoch 0 was used after its buffer was recycled: it was handed to thread \""
                    + thread + "\", which has called next() (or reset() or close() was called) since, so its arrays"
                    + " hold other records now; used from thread \"" + thread + "\". A batch's arrays are views of a"
                    + " reused buffer, valid until the same thread's next next(): finish with a batch before asking"
                    + " for the next, keep a copy (dataSet.copy()), or build the sequence with copyBatches(true)."
                    + " (This check is checkStaleBatches, on by default when the JVM runs with -ea.)",
                    e.getMessage());
        }
    }

    @Test
    void everyAccessorThatReadsTheArraysIsChecked() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(40)).batchSize(4).workers(1)
                .exampleMetaData(true).checkStaleBatches(true).build()) {
            DataSet stale = sequence.next();
            DataSet copy = stale.copy();
            sequence.next();
            List<Runnable> uses = List.of(stale::getFeatures, stale::getLabels, stale::getFeaturesMaskArray,
                    stale::getLabelsMaskArray, stale::hasMaskArrays, stale::getExampleMetaData,
                    stale::numExamples, stale::copy, stale::asList, () -> stale.get(0), stale::toString,
                    stale::isEmpty, stale::getMemoryFootprint, stale::migrate, stale::detach, stale::labelCounts,
                    stale::toMultiDataSet, () -> stale.splitTestAndTrain(1), () -> stale.getRange(0, 1),
                    stale::numInputs, stale::numOutcomes, stale::hashCode);
            for (int i = 0; i < uses.size(); i++) {
                assertThrows(IllegalStateException.class, uses.get(i)::run, "use " + i);
            }
            assertEquals(0, (int) copy.getFeatures().getFloat(0, 0), "a copy taken in time stays valid");
        }
    }

    @Test
    void resetAndCloseMakeTheBatchInHandStale() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(40)).batchSize(4).workers(2)
                .checkStaleBatches(true).build()) {
            DataSet held = sequence.next();
            sequence.reset();
            assertThrows(IllegalStateException.class, held::getFeatures);
            DataSet afterReset = sequence.next();
            sequence.close();
            assertThrows(IllegalStateException.class, afterReset::getFeatures);
        }
    }

    @Test
    void copiesAndAPreProcessorNeverTripTheCheck() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(40)).batchSize(4).workers(2).copyBatches(true)
                .checkStaleBatches(true).build()) {
            List<DataSet> kept = new ArrayList<>();
            while (sequence.hasNext()) {
                kept.add(sequence.next());
            }
            for (int b = 0; b < kept.size(); b++) {
                assertEquals(4 * b, (int) kept.get(b).getFeatures().getFloat(0, 0));
            }
        }
        try (RowsSequence sequence = RowsSequence.builder(new Rows(40)).batchSize(4).workers(2)
                .checkStaleBatches(true).build()) {
            sequence.setPreProcessor(batch -> batch.getFeatures().muli(2));
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                assertEquals(0, (int) batch.getFeatures().getFloat(0, 0) % 2);
            }
        }
    }

    @Test
    void anotherThreadsNextLeavesThisThreadsBatchValid() throws InterruptedException {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(80)).batchSize(4).workers(2).prefetch(2)
                .checkStaleBatches(true).build()) {
            DataSet mine = sequence.next();
            float[] before = mine.getFeatures().dup().data().asFloat();
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    for (int i = 0; i < 6; i++) {
                        sequence.next().getFeatures();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    done.countDown();
                }
            }, "other-consumer");
            other.start();
            assertTrue(done.await(60, TimeUnit.SECONDS));
            other.join();
            assertEquals(null, failure.get());
            assertArrayEquals(before, mine.getFeatures().dup().data().asFloat(), 0f, "still this thread's batch");
            sequence.next();
            IllegalStateException e = assertThrows(IllegalStateException.class, mine::getFeatures);
            assertTrue(e.getMessage().contains("handed to thread \"" + Thread.currentThread().getName()),
                    e.getMessage());
        }
    }

    @Test
    void aKeptMultiDataSetIsDetectedToo() {
        try (PairsSequence sequence = PairsSequence.builder(new Pairs(24, false, record -> false)).batchSize(4).workers(2)
                .checkStaleBatches(true).build()) {
            MultiDataSet first = sequence.next();
            first.getFeatures(0);
            sequence.next();
            List<Runnable> uses = List.of(first::getFeatures, () -> first.getFeatures(0), first::getLabels,
                    () -> first.getLabels(1), first::getFeaturesMaskArrays, first::getLabelsMaskArrays,
                    first::hasMaskArrays, first::numFeatureArrays, first::getExampleMetaData, first::copy,
                    first::asList, first::toString);
            for (int i = 0; i < uses.size(); i++) {
                assertThrows(IllegalStateException.class, uses.get(i)::run, "use " + i);
            }
        }
    }

    @Test
    void fitAndEvaluateRunWithTheCheckOn() {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(Rows.FEATURES).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(Rows.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        try (RowsSequence sequence = RowsSequence.builder(new Rows(120)).batchSize(8).workers(2)
                .checkStaleBatches(true).build()) {
            network.fit(sequence, 2);
            Evaluation evaluation = network.evaluate(sequence);
            assertEquals(120, evaluation.getNumRowCounter());
        }
    }
}
