package io.dataseq.examples.mnist;

import io.dataseq.dl4j.DataSetSequence;
import io.dataseq.files.CsvLabels;
import io.dataseq.index.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a small convolutional network on real MNIST digits read from JPEG files through DataSeq sequences, and
 * prints the held-out accuracy. Two tasks, as in the project's seeds: zeros against eights, and all ten digits.
 *
 * <p>Usage: {@code TrainDigits [--task both|zero-vs-eight|digits] [--epochs N] [--workers N] [--data DIR]};
 * DIR holds the digit folders and {@code labels.csv} (default: the bundled {@code examples/data/mnist-jpg}).
 */
public final class TrainDigits {
    private static final long SPLIT_SEED = 2024;

    private TrainDigits() {}

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        List<LabelledFile> all = DigitFiles.fromCsv(options.data, options.data.resolve("labels.csv"));
        DigitFiles.Split split = DigitFiles.split(all, 0.8, SPLIT_SEED);
        System.out.printf(Locale.ROOT, "DataSeq MNIST example: %d JPEG files in %s; %d workers;"
                        + " OMP_NUM_THREADS=%s; %d processors%n", all.size(), options.data,
                options.workers, System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"),
                Runtime.getRuntime().availableProcessors());

        if (!options.task.equals("digits")) {
            ZeroOrEight zeroOrEight = new ZeroOrEight(
                    CsvLabels.readIndices(options.data, options.data.resolve("labels.csv"), "image_name", "label", 10));
            Split zeroOrEightSplit = Split.stratified(zeroOrEight.size(), zeroOrEight::isEight, 0.8, SPLIT_SEED);
            try (ZeroOrEightSequence trainSeq = ZeroOrEightSequence.builder(zeroOrEight)
                            .subset(zeroOrEightSplit.train()).workers(options.workers).build();
                    ZeroOrEightSequence testSeq = ZeroOrEightSequence.builder(zeroOrEight)
                            .subset(zeroOrEightSplit.validation()).validation().workers(options.workers).build()) {
                run("0 vs 8", trainSeq, testSeq, 2, options.epochs(3));
            }
        }
        if (!options.task.equals("zero-vs-eight")) {
            try (DigitsSequence trainSeq = DigitsSequence.builder(new Digits(split.train()))
                            .workers(options.workers).build();
                    DigitsSequence testSeq = DigitsSequence.builder(new Digits(split.test()))
                            .workers(options.workers).shuffle(false).build()) {
                run("10 digits", trainSeq, testSeq, 10, options.epochs(12));
            }
        }
    }

    /** Trains for {@code epochs}, timing each, then evaluates on {@code test}; returns the held-out accuracy. */
    public static double run(String task, DataSetSequence train, DataSetSequence test, int classes, int epochs) {
        System.out.printf(Locale.ROOT, "[%s] %d training / %d held-out images, batch %d, %d epochs%n", task,
                train.records(), test.records(), train.batch(), epochs);
        MultiLayerNetwork model = new MultiLayerNetwork(network(classes));
        model.init();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            model.fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  epoch %2d: %.2f s, %.0f images/s, loss %.4f%n", epoch, seconds,
                    train.records() / seconds, model.score());
        }
        Evaluation evaluation = model.evaluate(test);
        System.out.printf(Locale.ROOT, "[%s] held-out accuracy: %.4f (%d images)%n", task, evaluation.accuracy(),
                test.records());
        return evaluation.accuracy();
    }

    /** A LeNet-like network for 28x28 one-channel images. */
    public static MultiLayerConfiguration network(int classes) {
        return new NeuralNetConfiguration.Builder()
                .seed(123)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    /** The command line. */
    private record Options(String task, int epochsOverride, int workers, Path data) {
        static Options parse(String[] args) {
            String task = "both";
            int epochs = 0;
            int workers = Runtime.getRuntime().availableProcessors();
            Path data = defaultData();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--task" -> task = require(value, "--task");
                    case "--epochs" -> epochs = Integer.parseInt(require(value, "--epochs"));
                    case "--workers" -> workers = Integer.parseInt(require(value, "--workers"));
                    case "--data" -> data = Path.of(require(value, "--data"));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --task both|zero-vs-eight|digits, --epochs N, --workers N, --data DIR");
                }
                i++;
            }
            if (!List.of("both", "zero-vs-eight", "digits").contains(task)) {
                throw new IllegalArgumentException("--task must be both, zero-vs-eight or digits, not " + task);
            }
            return new Options(task, epochs, workers, data);
        }

        int epochs(int defaultEpochs) {
            return epochsOverride > 0 ? epochsOverride : defaultEpochs;
        }

        private static String require(String value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return value;
        }

        /** The bundled digits, whether started from the project root or from examples/. */
        private static Path defaultData() {
            Path fromModule = Path.of("data", "mnist-jpg");
            return Files.isDirectory(fromModule) ? fromModule : Path.of("examples", "data", "mnist-jpg");
        }
    }
}
