package io.dataseq.examples.store;

import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.examples.mnist.TrainDigits;
import io.dataseq.files.ClassFolders;
import io.dataseq.index.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the digits of a folder per class to a record store once, then trains the small network of
 * {@link TrainDigits} from the store alone, as a training machine that never sees the JPEG files would: every epoch
 * read from memory-mapped 8-bit pixels, augmented anew (rotation, crop), with a seeded 80/20 split of the records.
 *
 * <p>Usage: {@code TrainFromStore [DIR [STORE [EPOCHS]]]}; DIR holds a folder per class (default: the bundled
 * {@code examples/data/mnist-jpg}), STORE is where the store is written (default {@code target/digits-store}).
 */
public final class TrainFromStore {
    private static final long SPLIT_SEED = 2024;

    private TrainFromStore() {}

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : bundledDigits();
        Path store = args.length > 1 ? Path.of(args[1]) : Path.of("target", "digits-store");
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        writeStore(root, store);
        train(store, epochs);
    }

    /** Where the files are: decodes each once (all cores), and writes the store; returns what SKIP left out. */
    static List<SkippedRecord> writeStore(Path root, Path store) throws IOException {
        long start = System.nanoTime();
        List<SkippedRecord> leftOut = AugmentedDigitsSequence.builder(new AugmentedDigits(ClassFolders.under(root,
                "jpg"))).onError(ErrorPolicy.SKIP).writeStore(store);
        System.out.printf("store written in %s in %.1f s; %d records left out%n", store,
                (System.nanoTime() - start) / 1e9, leftOut.size());
        return leftOut;
    }

    /** Anywhere the store is: trains from it, no reader and no file; returns the held-out accuracy. */
    static double train(Path store, int epochs) {
        try (AugmentedDigitsSequence counting = AugmentedDigitsSequence.fromStore(store).build()) {
            Split split = Split.seeded(counting.records(), 0.8, SPLIT_SEED);
            try (AugmentedDigitsSequence train = AugmentedDigitsSequence.fromStore(store).subset(split.train())
                            .build();
                    AugmentedDigitsSequence validation = AugmentedDigitsSequence.fromStore(store)
                            .subset(split.validation()).validation().build()) {
                return TrainDigits.run("from the store", train, validation, 10, epochs);
            }
        }
    }

    private static Path bundledDigits() {
        Path fromModule = Path.of("data", "mnist-jpg");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("examples", "data", "mnist-jpg");
    }
}
