package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.testing.WorkerThreads;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A sequence in the place it is made for: {@code MultiLayerNetwork.fit(sequence, epochs)}. */
@Timeout(120) // a guard against a hang, not a timing assertion
class TrainingTest {
    private static final int RECORDS = 150;

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {1, 3})
    void fitReadsEveryRecordExactlyOncePerEpoch(int workers) {
        int threadsBefore = WorkerThreads.count();
        Rows rows = new Rows(RECORDS);
        MultiLayerNetwork network = network();
        try (RowsSequence sequence = RowsSequence.builder(rows).shuffle(true).seed(11).workers(workers).build()) {
            network.fit(sequence, 2);

            for (int record = 0; record < RECORDS; record++) {
                assertEquals(1, rows.reads(0, record), "record " + record + " in epoch 0");
                assertEquals(1, rows.reads(1, record), "record " + record + " in epoch 1");
                assertEquals(0, rows.reads(2, record), "record " + record + " read ahead into an epoch not asked for");
            }
            assertEquals(1, sequence.epoch());
            assertTrue(Double.isFinite(network.score()), "score " + network.score());

            Evaluation evaluation = network.evaluate(sequence);
            assertEquals(RECORDS, evaluation.getNumRowCounter(), "evaluation saw every record once");
        }
        assertEquals(threadsBefore, WorkerThreads.count());
    }

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(Rows.FEATURES).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16).nOut(Rows.CLASSES).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
