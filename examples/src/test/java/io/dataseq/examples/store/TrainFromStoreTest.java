package io.dataseq.examples.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.files.ClassFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The store example as a user runs it: the store is written where the files are, moved elsewhere, and a network
 * trains from it alone, to a held-out accuracy a model of the digits reaches; each epoch from the store is augmented
 * anew, and validation is not.
 */
class TrainFromStoreTest {
    private static final Path DATA = Path.of("data", "mnist-jpg");

    @TempDir
    Path directory;

    @Test
    void trainsFromAStoreMovedAwayFromTheFiles() throws IOException {
        Path written = directory.resolve("written");
        assertEquals(List.of(), TrainFromStore.writeStore(DATA, written));
        Path moved = directory.resolve("elsewhere");
        Files.move(written, moved); // the training machine has the store, not the files
        try (Stream<Path> entries = Files.list(moved)) {
            assertEquals(List.of(".lock", "store"), entries.map(path -> path.getFileName().toString()).sorted()
                    .collect(Collectors.toList()));
        }
        double accuracy = TrainFromStore.train(moved, 3);
        assertTrue(accuracy > 0.85, "held-out accuracy " + accuracy);
    }

    @Test
    void eachEpochFromTheStoreIsAugmentedAnewAndValidationIsNot() throws IOException {
        TrainFromStore.writeStore(DATA, directory);
        float[][] training = new float[2][];
        try (AugmentedDigitsSequence sequence = AugmentedDigitsSequence.fromStore(directory).shuffle(false)
                .build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                DataSet first = sequence.next();
                training[epoch] = first.getFeatures().dup().data().asFloat();
                sequence.reset();
            }
        }
        assertFalse(Arrays.equals(training[0], training[1]), "epochs 0 and 1 are augmented differently");
        float[] plain;
        try (AugmentedDigitsSequence sequence = AugmentedDigitsSequence.fromStore(directory).validation().build()) {
            plain = sequence.next().getFeatures().dup().data().asFloat();
        }
        try (AugmentedDigitsSequence sequence = AugmentedDigitsSequence.builder(
                new AugmentedDigits(ClassFolders.under(DATA, "jpg"))).validation().build()) {
            assertTrue(Arrays.equals(plain, sequence.next().getFeatures().dup().data().asFloat()),
                    "validation from the store is the files' images, unaugmented, bit for bit");
        }
    }
}
