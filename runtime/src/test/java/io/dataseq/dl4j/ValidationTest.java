package io.dataseq.dl4j;

import io.dataseq.internal.ReaderSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordContext;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.index.Split;
import io.dataseq.testing.WorkerThreads;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * One reader, split in two: training on one part with shuffling and augmentation, {@code evaluate} on the other,
 * which reads each of its records once, unshuffled and unaugmented, and names the classes.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class ValidationTest {
    private static final int RECORDS = 600;
    private static final List<String> SHAPES = List.of("circle", "square", "triangle");

    /**
     * Three well-separated clouds of points in 4 dimensions, one per class; each record's point is fixed by its
     * number. Augmentation (only in training) jitters it. Counts reads per record, in each mode.
     */
    static final class Blobs {
        static final int FEATURES = 4;
        private static final float[][] CENTRES = {{3, 0, 0, 0}, {0, 3, 0, 0}, {0, 0, 3, 3}};

        final AtomicIntegerArray trainingReads = new AtomicIntegerArray(RECORDS);
        final AtomicIntegerArray validationReads = new AtomicIntegerArray(RECORDS);

        int size() {
            return RECORDS;
        }

        int shape(int record) {
            return record % 3;
        }

        float[] point(int record, RecordContext context) {
            (context.training() ? trainingReads : validationReads).incrementAndGet(record);
            SplittableRandom noise = new SplittableRandom(record);
            float[] point = CENTRES[shape(record)].clone();
            for (int i = 0; i < FEATURES; i++) {
                point[i] += (float) noise.nextGaussian() * 0.7f;
                if (context.training()) {
                    point[i] += (float) context.random().nextGaussian() * 0.1f;
                }
            }
            return point;
        }
    }

    /** What the processor would generate for {@link Blobs} with {@code @Label(classes = 3)}. */
    static final class BlobsSequence extends DataSetSequence {
        private static final long serialVersionUID = 1L;

        private static final ReaderBinding<Blobs> BINDING = ReaderBinding.<Blobs>builder()
                .size(Blobs::size)
                .floatFeatures("point", new int[] {Blobs.FEATURES}, Blobs::point)
                .classLabel("shape", 3, List.of(), (reader, record, context) -> reader.shape(record))
                .build();

        private BlobsSequence(Builder builder) {
            super(builder);
        }

        static Builder builder(Blobs reader) {
            return new Builder(reader);
        }

        static final class Builder extends SequenceBuilder<BlobsSequence, Builder> {
            private Builder(Blobs reader) {
                super(BINDING.over(ReaderSource.shared(reader)));
                batchSize(32);
                shuffle(true);
                seed(17);
            }

            @Override
            protected Builder self() {
                return this;
            }

            @Override
            public BlobsSequence build() {
                return new BlobsSequence(this);
            }
        }
    }

    @Test
    void evaluateOnTheValidationPartReadsItOnceUnaugmentedAndNamesTheClasses() {
        int threadsBefore = WorkerThreads.count();
        Blobs reader = new Blobs();
        Split split = Split.stratified(reader.size(), reader::shape, 0.8, 2024);
        MultiLayerNetwork network = network();
        try (BlobsSequence train = BlobsSequence.builder(reader).classNames(SHAPES).subset(split.train())
                        .workers(2).build();
                BlobsSequence validation = BlobsSequence.builder(reader).classNames(SHAPES)
                        .subset(split.validation()).validation().workers(2).build()) {
            network.fit(train, 4);

            Evaluation evaluation = network.evaluate(validation);

            assertEquals(120, evaluation.getNumRowCounter(), "every validation record, once");
            assertEquals(SHAPES, evaluation.getLabelsList(), "evaluate takes the names from getLabels()");
            assertTrue(evaluation.stats().contains("triangle"), evaluation.stats());
            assertTrue(evaluation.accuracy() > 0.9, "accuracy " + evaluation.accuracy() + "\n" + evaluation.stats());
            int[] validationRecords = split.validation().toArray();
            for (int record = 0, v = 0; record < RECORDS; record++) {
                boolean inValidation = v < validationRecords.length && validationRecords[v] == record;
                v += inValidation ? 1 : 0;
                assertEquals(inValidation ? 0 : 4, reader.trainingReads.get(record), "training reads of " + record);
                assertEquals(inValidation ? 1 : 0, reader.validationReads.get(record), "validation reads of " + record);
            }
        }
        assertEquals(threadsBefore, WorkerThreads.count());
    }

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder().nIn(Blobs.FEATURES).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16).nOut(SHAPES.size()).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
