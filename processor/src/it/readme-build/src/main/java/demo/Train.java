package demo;

import io.dataseq.files.ClassFolders;
import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The README's use of the generated sequence, character for character in the method (ReadmeBuildTest checks it). */
public final class Train {
    /** What the README calls {@code model}: DL4J's MultiLayerNetwork and ComputationGraph have this method. */
    public interface Model {
        void fit(DataSetIterator iterator, int epochs);
    }

    private Train() {}

    public static void train(Model model, Path root) throws IOException {
        // DigitsSequence is generated at compile time, in the same package; the folders 0/ .. 9/ under root are the classes
        try (DigitsSequence train = DigitsSequence.builder(new Digits(ClassFolders.under(root, "jpg")))
                .workers(2).prefetch(8).build()) {
            model.fit(train, 5);                          // it is an org.nd4j...DataSetIterator
        }
    }
}
