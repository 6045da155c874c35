package io.dataseq.examples.multimodal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.dl4j.MultiDataSetSequence;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** The generated two-input sequence fed to a real ComputationGraph. */
class TwoInputTrainingTest {

    /** Scenes that count how often each input of each record is read. */
    private static final class CountingScenes extends Scenes {
        private final AtomicIntegerArray images;
        private final AtomicIntegerArray sounds;

        CountingScenes(int records) {
            super(records, 3);
            this.images = new AtomicIntegerArray(records);
            this.sounds = new AtomicIntegerArray(records);
        }

        @Override
        public float[] image(int record) {
            images.incrementAndGet(record);
            return super.image(record);
        }

        @Override
        public float[] audio(int record) {
            sounds.incrementAndGet(record);
            return super.audio(record);
        }
    }

    @Test
    void theGeneratedSequenceIsAMultiDataSetIteratorInDeclaredOrder() {
        try (ScenesSequence sequence = ScenesSequence.builder(new Scenes(40, 1)).workers(2).build()) {
            assertTrue(sequence instanceof MultiDataSetSequence);
            assertEquals(List.of("image", "audio"), sequence.inputNames());
            assertEquals(List.of("kind"), sequence.outputNames());
            MultiDataSet batch = sequence.next();
            assertArrayEquals(new long[] {32, 1, Scenes.SIDE, Scenes.SIDE}, batch.getFeatures(0).shape());
            assertArrayEquals(new long[] {32, Scenes.SAMPLES}, batch.getFeatures(1).shape());
            assertArrayEquals(new long[] {32, Scenes.CLASSES}, batch.getLabels(0).shape());
        }
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 3})
    void fitReadsEveryRecordExactlyOncePerEpoch(int workers) {
        CountingScenes reader = new CountingScenes(203); // 203: a last, partial batch
        ComputationGraph graph = new ComputationGraph(TrainScenes.graph());
        graph.init();
        try (ScenesSequence sequence = ScenesSequence.builder(reader).workers(workers).build()) {
            assertFalse(sequence.asyncSupported(), "DL4J must not wrap the sequence in its own prefetch thread");
            for (int epoch = 1; epoch <= 2; epoch++) {
                graph.fit(sequence);
                for (int record = 0; record < reader.size(); record++) {
                    assertEquals(epoch, reader.images.get(record), "images of record " + record);
                    assertEquals(epoch, reader.sounds.get(record), "sounds of record " + record);
                }
            }
            assertEquals(1, sequence.epoch(), "the second epoch is epoch 1");
        }
    }

    @Test
    void theGraphLearnsFromBothInputs() {
        // Chance is 0.25, and either input alone can tell at most 0.5.
        double accuracy = TrainScenes.train(new Scenes(TrainScenes.TRAIN_RECORDS, 1),
                new Scenes(TrainScenes.TEST_RECORDS, 2), 6, 2);
        System.out.println("two-input graph, held-out accuracy " + accuracy);
        assertTrue(accuracy >= 0.8, "held-out accuracy " + accuracy);
    }
}
