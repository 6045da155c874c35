package io.dataseq.examples.recipe;

import io.dataseq.examples.mnist.Grayscale;
import io.dataseq.files.PathLabelList;
import io.dataseq.hdf5.Hdf5Writer;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
 * The endless two-input recipe, end to end: writes the bundled digits' "path label" list (paths relative to the data
 * folder, with Windows separators, as a list made on Windows has them), reads it with {@link PathLabelList}, writes
 * the images' ink profiles (an HDF5 file, a row per line), then trains a two-input {@code ComputationGraph} (a
 * convolutional branch for the image, a dense one for the profile, merged) from {@link ListedDigitsSequence}, an
 * endless stream of the list's lines 0..3 of every 5, with a progress bar and the stage timings printed per epoch; and evaluates on lines 4 of
 * every 5, read once. No concatenation of inputs, no pre-processor.
 *
 * <p>Usage: {@code TrainListedDigits [labels.csv [epochs [work folder]]]} (defaults: the bundled
 * {@code data/mnist-jpg/labels.csv}, 4 epochs, {@code target/recipe}).
 */
public final class TrainListedDigits {
    private TrainListedDigits() {}

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Path labels = Path.of(args.length > 0 ? args[0] : "data/mnist-jpg/labels.csv");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path work = Path.of(args.length > 2 ? args[2] : "target/recipe");
        double accuracy = run(labels, work, epochs, true);
        System.out.printf(Locale.ROOT, "[recipe] held-out accuracy: %.4f (chance 0.10)%n", accuracy);
    }

    /** Writes the list and the profiles into {@code work}, trains for {@code epochs}, returns held-out accuracy. */
    public static double run(Path labels, Path work, int epochs, boolean progress) throws IOException {
        Path data = labels.toAbsolutePath().getParent();
        PathLabelList list = PathLabelList.readIndices(data, writeList(labels, work), ListedDigits.CLASSES);
        Path profiles = writeProfiles(list, work.resolve("profiles.h5"));
        ComputationGraph graph = new ComputationGraph(graph());
        graph.init();
        int workers = Runtime.getRuntime().availableProcessors();
        try (ListedDigits reader = new ListedDigits(list, profiles);
                ListedDigitsSequence train = ListedDigitsSequence.builder(reader, ListedDigits.lines(list, 5, 0, 4))
                        .workers(workers).progress(progress).build();
                ListedDigitsSequence test = ListedDigitsSequence.builder(reader, ListedDigits.lines(list, 5, 4, 5))
                        .stepsPerEpoch(0).validation().workers(workers).build()) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                graph.fit(train);
                System.out.println("[recipe] " + train.timings());
            }
            Evaluation evaluation = graph.evaluate(test);
            return evaluation.accuracy();
        }
    }

    /** Inputs in the reader's declared order: "image" (order 0), "profile" (order 1). */
    static ComputationGraphConfiguration graph() {
        return new NeuralNetConfiguration.Builder()
                .seed(123)
                .updater(new Adam(2e-3))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("image", "profile")
                .setInputTypes(InputType.convolutional(28, 28, 1), InputType.feedForward(ListedDigits.PROFILE))
                .addLayer("conv", new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build(),
                        "image")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build(), "conv")
                .addLayer("seen", new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build(), "pool")
                .addLayer("ink", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "profile")
                .addVertex("merged", new MergeVertex(), "seen", "ink")
                .addLayer("digit", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(ListedDigits.CLASSES).activation(Activation.SOFTMAX).build(), "merged")
                .setOutputs("digit")
                .build();
    }

    /**
     * Writes {@code work}/list.txt from the bundle's {@code image_name,label} CSV: "path label" per line, each path
     * relative to the CSV's folder, written with backslashes, under a comment line.
     */
    static Path writeList(Path labels, Path work) throws IOException {
        Files.createDirectories(work);
        List<String> lines = new ArrayList<>();
        lines.add("# the bundled digits: path label");
        try (Reader in = Files.newBufferedReader(labels)) {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                lines.add(record.get("image_name").replace('/', '\\') + " " + record.get("label"));
            }
        }
        return Files.write(work.resolve("list.txt"), lines);
    }

    /**
     * Writes each listed image's ink profile (28 row sums, then 28 column sums, of its [0, 1] pixels, divided by 28)
     * into {@code file}, dataset {@code profiles}, a row per entry of {@code list}.
     */
    static Path writeProfiles(PathLabelList list, Path file) throws IOException {
        float[] profiles = new float[list.size() * ListedDigits.PROFILE];
        for (int row = 0; row < list.size(); row++) {
            float[] pixels = Grayscale.decode(list.file(row), 28, 28);
            int base = row * ListedDigits.PROFILE;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float value = pixels[y * 28 + x] / 28f;
                    profiles[base + y] += value;
                    profiles[base + 28 + x] += value;
                }
            }
        }
        try (Hdf5Writer writer = Hdf5Writer.create(file, "profiles", Hdf5Writer.Type.FLOAT32, list.size(),
                ListedDigits.PROFILE)) {
            writer.write(0, profiles);
        }
        return file;
    }
}
