package io.dataseq.examples.streaming;

import io.dataseq.stream.DescriptorSource;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a small dense network on the bundled MNIST JPEGs, streamed from their list ({@code labels.csv}) line by
 * line through the generated {@code DigitLinesSequence}: epoch 1 streams the list in its order, epoch 2 reads the
 * recorded lines shuffled. Four lines in five train, the fifth tests; prints the held-out accuracy.
 *
 * <pre>mvn -B -DskipTests -Ptrain verify -Dtrain.main=io.dataseq.examples.streaming.TrainStreamingDigits
 *     -Dtrain.args="examples/data/mnist-jpg/labels.csv"</pre>
 */
public final class TrainStreamingDigits {
    private TrainStreamingDigits() {}

    public static void main(String[] args) {
        Path list = Path.of(args.length > 0 ? args[0] : "data/mnist-jpg/labels.csv");
        run(list, 2, 4);
    }

    /** Trains for {@code epochs} with {@code workers} threads; returns the held-out accuracy. */
    static double run(Path list, int epochs, int workers) {
        MultiLayerNetwork model = new MultiLayerNetwork(network());
        model.init();
        DescriptorSource<DigitLines.Digit> train = DigitLines.lines(list, 0, 4);
        DescriptorSource<DigitLines.Digit> test = DigitLines.lines(list, 4, 5);
        try (DigitLinesSequence trainSequence = DigitLinesSequence.builder(new DigitLines(), train)
                        .workers(workers).build();
                DigitLinesSequence testSequence = DigitLinesSequence.builder(new DigitLines(), test)
                        .workers(workers).validation().build()) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                model.fit(trainSequence);
                System.out.printf(Locale.ROOT, "[streaming] epoch %d (%s): %.1f s%n", epoch,
                        epoch == 1 ? "streamed in list order" : "recorded, shuffled",
                        (System.nanoTime() - start) / 1e9);
            }
            Evaluation evaluation = model.evaluate(testSequence);
            System.out.printf(Locale.ROOT, "[streaming] held-out accuracy: %.4f (%d images)%n",
                    evaluation.accuracy(), (long) evaluation.getNumRowCounter());
            return evaluation.accuracy();
        }
    }

    static MultiLayerConfiguration network() {
        return new NeuralNetConfiguration.Builder()
                .seed(123)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }
}
