package io.dataseq.examples.folders;

import io.dataseq.examples.mnist.TrainDigits;
import io.dataseq.files.ClassFolders;
import io.dataseq.index.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains the small convolutional network of {@link TrainDigits} on digits stored a folder per class, with a
 * seeded, stratified 80/20 split into training and validation records of one reader, and prints the accuracy on
 * the validation records.
 *
 * <p>Usage: {@code TrainFolders [DIR [EPOCHS [WORKERS]]]}; DIR holds a folder per class (default: the bundled
 * {@code examples/data/mnist-jpg}).
 */
public final class TrainFolders {
    private static final long SPLIT_SEED = 2024;

    private TrainFolders() {}

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : bundledDigits();
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();

        ClassFolders folders = ClassFolders.under(root, "jpg");
        FolderDigits reader = new FolderDigits(folders);
        Split split = Split.stratified(reader.size(), folders::classOf, 0.8, SPLIT_SEED);
        System.out.printf("DataSeq folder-per-class example: %d files in %d classes under %s; %s%n", reader.size(),
                folders.classNames().size(), root, split);
        try (FolderDigitsSequence train = FolderDigitsSequence.builder(reader).subset(split.train())
                        .classNames(folders.classNames()).workers(workers).build();
                FolderDigitsSequence validation = FolderDigitsSequence.builder(reader).subset(split.validation())
                        .validation().classNames(folders.classNames()).workers(workers).build()) {
            TrainDigits.run("folders", train, validation, folders.classNames().size(), epochs);
        }
    }

    private static Path bundledDigits() {
        Path fromModule = Path.of("data", "mnist-jpg");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("examples", "data", "mnist-jpg");
    }
}
