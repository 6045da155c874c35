package io.dataseq.examples.multimodal;

import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a two-input {@link ComputationGraph} (a convolutional branch for the image, a dense branch for the sound,
 * merged) end to end on {@link Scenes} through the generated {@link ScenesSequence}, and prints the held-out
 * accuracy. The graph's {@code addInputs("image", "audio")} follows the readers' {@code order = 0, 1}.
 *
 * <p>Usage: {@code TrainScenes [epochs [workers]]} (default 6 epochs, one worker per processor).
 */
public final class TrainScenes {
    static final int TRAIN_RECORDS = 1024;
    static final int TEST_RECORDS = 256;

    private TrainScenes() {}

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        double accuracy = train(new Scenes(TRAIN_RECORDS, 1), new Scenes(TEST_RECORDS, 2), epochs, workers);
        System.out.printf(Locale.ROOT, "held-out accuracy: %.4f (chance: %.2f)%n", accuracy, 1.0 / Scenes.CLASSES);
    }

    /** Trains a new graph on {@code train} for {@code epochs}, and returns its accuracy on {@code test}. */
    static double train(Scenes train, Scenes test, int epochs, int workers) {
        ComputationGraph graph = new ComputationGraph(graph());
        graph.init();
        try (ScenesSequence trainSequence = ScenesSequence.builder(train).workers(workers).build();
                ScenesSequence testSequence = ScenesSequence.builder(test).workers(workers).validation().build()) {
            graph.fit(trainSequence, epochs);
            Evaluation evaluation = graph.evaluate(testSequence);
            return evaluation.accuracy();
        }
    }

    /** Image and sound, each through its own branch, merged, then one softmax over the classes. */
    static ComputationGraphConfiguration graph() {
        return new NeuralNetConfiguration.Builder()
                .seed(123)
                .updater(new Adam(2e-3))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("image", "audio")
                .setInputTypes(InputType.convolutional(Scenes.SIDE, Scenes.SIDE, 1),
                        InputType.feedForward(Scenes.SAMPLES))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build(),
                        "image")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build(), "conv")
                .addLayer("seen", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "pool")
                .addLayer("heard", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "audio")
                .addVertex("both", new MergeVertex(), "seen", "heard")
                .addLayer("kind", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(Scenes.CLASSES).activation(Activation.SOFTMAX).build(), "both")
                .setOutputs("kind")
                .build();
    }
}
