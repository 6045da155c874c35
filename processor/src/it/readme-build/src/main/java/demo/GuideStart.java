package demo;

import io.dataseq.files.ClassFolders;
import io.dataseq.index.Split;
import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The user guide's getting-started use of the sequence, character for character (ReadmeBuildTest checks it). */
public final class GuideStart {
    /** What the guide calls {@code model}: DL4J's MultiLayerNetwork and ComputationGraph have these methods. */
    public interface Model {
        void fit(DataSetIterator iterator, int epochs);

        Evaluation evaluate(DataSetIterator iterator);
    }

    private GuideStart() {}

    public static void start(Model model, Path root) throws IOException {
        ClassFolders folders = ClassFolders.under(root, "jpg");          // root/0/*.jpg .. root/9/*.jpg
        Digits digits = new Digits(folders);
        Split split = Split.stratified(digits.size(), folders::classOf, 0.8, 2024);
        try (DigitsSequence train = DigitsSequence.builder(digits).subset(split.train()).build();
             DigitsSequence test = DigitsSequence.builder(digits).subset(split.validation()).validation().build()) {
            model.fit(train, 5);
            System.out.println(model.evaluate(test).accuracy());
        }
    }
}
