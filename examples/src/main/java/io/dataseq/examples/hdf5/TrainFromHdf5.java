package io.dataseq.examples.hdf5;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Writes a small HDF5 training set and a test set of 4 clusters with {@code Hdf5Writer}, then trains a dense network
 * from them through the generated {@code ClustersSequence} and prints the held-out accuracy.
 *
 * <pre>mvn -B -DskipTests -Ptrain verify -Dtrain.main=io.dataseq.examples.hdf5.TrainFromHdf5
 *     -Dtrain.args=target/hdf5-example</pre>
 */
public final class TrainFromHdf5 {
    private TrainFromHdf5() {}

    public static void main(String[] args) throws IOException {
        run(Path.of(args.length > 0 ? args[0] : "target/hdf5-example"), 3);
    }

    /** Writes the files under {@code folder}, trains for {@code epochs}; returns the held-out accuracy. */
    static double run(Path folder, int epochs) throws IOException {
        Clusters.write(folder.resolve("train"), 2000, 1);
        Clusters.write(folder.resolve("test"), 500, 1); // the same seed: the same centres, other points
        MultiLayerNetwork model = new MultiLayerNetwork(network());
        model.init();
        try (Clusters train = new Clusters(folder.resolve("train"));
                Clusters test = new Clusters(folder.resolve("test"));
                ClustersSequence trainSequence = ClustersSequence.of(train);
                ClustersSequence testSequence = ClustersSequence.builder(test).validation().build()) {
            model.fit(trainSequence, epochs);
            Evaluation evaluation = model.evaluate(testSequence);
            System.out.printf(Locale.ROOT, "[hdf5] held-out accuracy: %.4f (%d rows from %s)%n",
                    evaluation.accuracy(), test.size(), folder.resolve("test"));
            return evaluation.accuracy();
        }
    }

    static MultiLayerConfiguration network() {
        return new NeuralNetConfiguration.Builder()
                .seed(123)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(Clusters.FEATURES).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nIn(32).nOut(Clusters.CLASSES).activation(Activation.SOFTMAX).build())
                .build();
    }
}
