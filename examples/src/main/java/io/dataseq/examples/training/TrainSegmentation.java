package io.dataseq.examples.training;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.dataseq.files.ClassFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a {@code ComputationGraph} with two outputs on {@link SegmentedDigits}: the mask of a digit's ink, pixel by
 * pixel (a sigmoid per pixel, {@code CnnLossLayer}), and its class (softmax), from one convolutional trunk. The
 * bundled digits have no masks, so they are derived from the pixels first (ink: a gray level above
 * {@value #INK}) and written as PNG files. The training and test records are {@link RecipeDigits}'. Prints the test
 * records' mask pixel accuracy and class accuracy.
 *
 * <p>Usage: {@code TrainSegmentation [epochs [mask directory]]} (default 3 epochs, a new temporary directory).
 */
public final class TrainSegmentation {
    /** The gray level above which a pixel is ink: class 1 of the mask. */
    public static final int INK = 127;

    private TrainSegmentation() {}

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path masks = args.length > 1 ? Files.createDirectories(Path.of(args[1]))
                : Files.createTempDirectory("dataseq-masks");
        RecipeDigits digits = RecipeDigits.bundled();
        Scores scores = train(segmented(digits.folders(), masks), digits, epochs,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "test records: mask pixel accuracy %.4f, class accuracy %.4f%n",
                scores.maskPixelAccuracy(), scores.classAccuracy());
    }

    /** How well a graph predicts the masks (the share of pixels right) and the classes (the share of records right). */
    public record Scores(double maskPixelAccuracy, double classAccuracy) {}

    /**
     * The reader of {@code folders}' digits with their masks, which it derives from each image and writes into
     * {@code maskDirectory} first, as {@code <record>.png}.
     */
    public static SegmentedDigits segmented(ClassFolders folders, Path maskDirectory) {
        List<Path> images = new ArrayList<>();
        List<Path> masks = new ArrayList<>();
        int[] digits = new int[folders.size()];
        for (int record = 0; record < folders.size(); record++) {
            Path image = folders.file(record);
            Path mask = maskDirectory.resolve(record + ".png");
            writeMask(image, mask);
            images.add(image);
            masks.add(mask);
            digits[record] = folders.classOf(record);
        }
        return new SegmentedDigits(List.copyOf(images), List.copyOf(masks), digits);
    }

    /** Writes the mask of {@code image}: 1 where its gray level is above {@value #INK}, else 0, as a lossless PNG. */
    static void writeMask(Path image, Path mask) {
        try (Mat gray = imread(image.toString(), IMREAD_GRAYSCALE); Mat ink = new Mat()) {
            if (gray.empty()) {
                throw new IllegalArgumentException(image + " is not an image OpenCV can read");
            }
            threshold(gray, ink, INK, 1, THRESH_BINARY);
            if (!imwrite(mask.toString(), ink)) {
                throw new IllegalStateException("OpenCV could not write " + mask);
            }
        }
    }

    /**
     * Trains a new graph on {@code split}'s training records of {@code reader} for {@code epochs}, and scores it on
     * its test records.
     */
    public static Scores train(SegmentedDigits reader, RecipeDigits split, int epochs, int workers) {
        ComputationGraph graph = new ComputationGraph(graph());
        graph.init();
        try (SegmentedDigitsSequence train = SegmentedDigitsSequence.builder(reader).subset(split.train())
                        .workers(workers).build();
                SegmentedDigitsSequence test = SegmentedDigitsSequence.builder(reader).subset(split.test())
                        .validation().workers(workers).build()) {
            graph.fit(train, epochs);
            return score(graph, test);
        }
    }

    /** The scores of {@code graph} over the rest of the epoch of {@code test}. */
    static Scores score(ComputationGraph graph, SegmentedDigitsSequence test) {
        long pixels = 0;
        long rightPixels = 0;
        long records = 0;
        long rightClasses = 0;
        while (test.hasNext()) {
            MultiDataSet batch = test.next();
            INDArray[] outputs = graph.output(batch.getFeatures(0));
            INDArray mask = batch.getLabels(0);
            INDArray predicted = outputs[0].gt(0.5).castTo(DataType.FLOAT);
            rightPixels += predicted.eq(mask).castTo(DataType.INT).sumNumber().longValue();
            pixels += mask.length();
            INDArray classes = outputs[1].argMax(1);
            rightClasses += classes.eq(batch.getLabels(1).argMax(1)).castTo(DataType.INT).sumNumber().longValue();
            records += classes.length();
        }
        return new Scores((double) rightPixels / pixels, (double) rightClasses / records);
    }

    /** One 3x3 convolution shared by a 1x1 convolution to the mask and a pooled dense branch to the class. */
    static ComputationGraphConfiguration graph() {
        return new NeuralNetConfiguration.Builder()
                .seed(123)
                .updater(new Adam(3e-3))
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(28, 28, 1))
                .addLayer("trunk", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build(),
                        "image")
                .addLayer("ink", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY)
                        .build(), "trunk")
                .addLayer("mask", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).build(), "ink")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build(), "trunk")
                .addLayer("seen", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "pool")
                .addLayer("digit", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "seen")
                .setOutputs("mask", "digit")
                .build();
    }
}
