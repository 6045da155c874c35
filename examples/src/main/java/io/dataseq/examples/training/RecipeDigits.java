package io.dataseq.examples.training;

import io.dataseq.examples.folders.FolderDigits;
import io.dataseq.examples.folders.FolderDigitsSequence;
import io.dataseq.files.ClassFolders;
import io.dataseq.index.RecordSubset;
import io.dataseq.index.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * What the training recipes share: digits in a folder per class, read by {@link FolderDigits} (whose
 * {@code @Describe} names each record's file), split once into training, validation and test records; and a small
 * convolutional network. Of the bundled 2,500 digits, 400 train, 250 validate and 250 test, every class in each, so
 * that each recipe runs in seconds.
 */
public final class RecipeDigits {
    /** The seed of the split; the training order has its own, {@code @DataSequence(seed = 11)} of the reader. */
    private static final long SPLIT_SEED = 2024;
    /** Records per training batch. */
    public static final int BATCH = 32;

    private final ClassFolders folders;
    private final FolderDigits reader;
    private final RecordSubset train;
    private final RecordSubset validation;
    private final RecordSubset test;

    private RecipeDigits(ClassFolders folders, RecordSubset train, RecordSubset validation, RecordSubset test) {
        this.folders = folders;
        this.reader = new FolderDigits(folders);
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /**
     * The digits in the class folders under {@code root}: a stratified 80/20 split, then every fifth record of the
     * 80 for training and the 20 dealt alternately to validation and test (the split lists records class by
     * class, so each part keeps every class).
     */
    public static RecipeDigits under(Path root) throws IOException {
        ClassFolders folders = ClassFolders.under(root, "jpg");
        Split split = Split.stratified(folders.size(), folders::classOf, 0.8, SPLIT_SEED);
        return new RecipeDigits(folders, every(split.train(), 5, 0), every(split.validation(), 2, 0),
                every(split.validation(), 2, 1));
    }

    /** The bundled digits, whether started from the project root or from {@code examples/}. */
    public static RecipeDigits bundled() throws IOException {
        Path fromModule = Path.of("data", "mnist-jpg");
        return under(Files.isDirectory(fromModule) ? fromModule : Path.of("examples", "data", "mnist-jpg"));
    }

    /** The records at positions {@code offset, offset + step, ...} of {@code records}. */
    private static RecordSubset every(RecordSubset records, int step, int offset) {
        return RecordSubset.of(IntStream.range(0, records.size()).filter(i -> i % step == offset)
                .map(records::record).toArray());
    }

    /** A builder of the training sequence: the training records, shuffled each epoch, {@value #BATCH} a batch. */
    public FolderDigitsSequence.Builder training() {
        return FolderDigitsSequence.builder(reader).subset(train).classNames(folders.classNames()).batchSize(BATCH);
    }

    /** A builder of a sequence to evaluate on {@code records} ({@link #validation()} or {@link #test()}). */
    public FolderDigitsSequence.Builder heldOut(RecordSubset records) {
        return FolderDigitsSequence.builder(reader).subset(records).validation().classNames(folders.classNames());
    }

    /** The class folders: the files, their classes and the class names. */
    public ClassFolders folders() {
        return folders;
    }

    /** The training records. */
    public RecordSubset train() {
        return train;
    }

    /** The validation records: for early stopping. */
    public RecordSubset validation() {
        return validation;
    }

    /** The test records: held out from training and from early stopping's choice. */
    public RecordSubset test() {
        return test;
    }

    /** A new, initialised network: one 5x5 convolution, max pooling, a small dense layer; seeded, so repeatable. */
    public static MultiLayerNetwork network() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(123)
                .updater(new Adam(2e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        network.init();
        return network;
    }
}
