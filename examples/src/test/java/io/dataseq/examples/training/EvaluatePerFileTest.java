package io.dataseq.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordMetaData;
import io.dataseq.examples.folders.FolderDigitsSequence;
import io.dataseq.files.CsvLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.meta.Prediction;

/**
 * The per-file evaluation recipe: after a short training, every wrong prediction on the test records names a real
 * bundled test file, with the class that the bundle's labels.csv gives that file, and as many as the evaluation
 * counts wrong; DL4J's own {@code model.evaluate} lists the same ones.
 */
class EvaluatePerFileTest {
    private static final Path DATA = Path.of("data", "mnist-jpg");

    private static RecipeDigits data;
    private static MultiLayerNetwork model;

    @BeforeAll
    static void train() throws Exception {
        data = RecipeDigits.bundled();
        model = RecipeDigits.network();
        try (FolderDigitsSequence train = data.training().build()) {
            model.fit(train); // one epoch: a model that still gets some test digits wrong
        }
    }

    @Test
    void everyWrongPredictionNamesARealTestFileAndItsTrueLabel() throws Exception {
        Map<Path, String> labels = new HashMap<>(); // the bundle's own labels, independent of the folders
        CsvLabels csv = CsvLabels.read(DATA, DATA.resolve("labels.csv"), "image_name", "label");
        for (int record = 0; record < csv.size(); record++) {
            labels.put(csv.file(record).toAbsolutePath().normalize(), csv.classNames().get(csv.classOf(record)));
        }
        try (FolderDigitsSequence test = data.heldOut(data.test()).exampleMetaData(true).build()) {
            Evaluation evaluation = EvaluatePerFile.evaluate(model, test);
            List<EvaluatePerFile.Misclassified> errors = EvaluatePerFile.misclassified(evaluation);

            int wrong = (int) Math.round((1 - evaluation.accuracy()) * test.records());
            assertTrue(wrong > 0 && wrong < test.records(), "a model that is neither right nor wrong everywhere");
            assertEquals(wrong, errors.size(), "one listed error per wrong prediction");
            for (EvaluatePerFile.Misclassified error : errors) {
                Path file = Path.of(error.file()).toAbsolutePath().normalize();
                assertTrue(Files.isRegularFile(file), error + ": no such file");
                assertEquals(labels.get(file), error.actual(), error + ": labels.csv's class of the file");
                assertNotEquals(error.actual(), error.predicted(), error + " is no error");
            }
            int[] testRecords = data.test().toArray();
            for (Prediction error : evaluation.getPredictionErrors()) {
                RecordMetaData record = error.getRecordMetaData(RecordMetaData.class);
                assertTrue(Arrays.binarySearch(testRecords, (int) record.record()) >= 0, record + " is a test record");
                assertEquals(data.folders().file((int) record.record()).toString(), record.description());
            }

            assertEquals(errors, EvaluatePerFile.misclassified(model.evaluate(test)),
                    "DL4J's evaluate passes the records too, and gets the same ones wrong");
            assertEquals(errors, EvaluatePerFile.misclassified(EvaluatePerFile.evaluate(model, test)),
                    "a second evaluation reads every record again");
        }
    }

    @Test
    void aSequenceWithoutMetaDataIsRefusedNotEvaluatedWithoutFiles() {
        try (FolderDigitsSequence test = data.heldOut(data.test()).build()) {
            NullPointerException refused = assertThrows(NullPointerException.class,
                    () -> EvaluatePerFile.evaluate(model, test));
            assertTrue(refused.getMessage().contains("exampleMetaData(true)"), refused.getMessage());
        }
    }
}
