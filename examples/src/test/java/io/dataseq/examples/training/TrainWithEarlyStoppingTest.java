package io.dataseq.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.examples.folders.FolderDigits;
import io.dataseq.examples.folders.FolderDigitsSequence;
import io.dataseq.files.ClassFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The early stopping recipe: DL4J's trainer over a DataSeq training and validation sequence stops by one of its
 * conditions, each of its epochs is one DataSeq epoch, and the model it saved and loads back is the one with the
 * best validation loss, which scores on test records it never saw. A file that cannot be read fails the recipe
 * with the file's name, even in the first epoch.
 */
class TrainWithEarlyStoppingTest {
    private static final int MAX_EPOCHS = 3;

    @Test
    void stopsByAConditionAndTheBestModelScoresOnHeldOutData(@TempDir Path directory) throws Exception {
        RecipeDigits data = RecipeDigits.bundled();
        try (FolderDigitsSequence train = data.training().build();
                FolderDigitsSequence validation = data.heldOut(data.validation()).build();
                FolderDigitsSequence test = data.heldOut(data.test()).build()) {
            EarlyStoppingResult<MultiLayerNetwork> result =
                    TrainWithEarlyStopping.train(RecipeDigits.network(), train, validation, MAX_EPOCHS, 1, directory);

            assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition,
                    result.getTerminationReason(), result.getTerminationDetails());
            String details = result.getTerminationDetails();
            assertTrue(details.startsWith("MaxEpochsTerminationCondition")
                    || details.startsWith("ScoreImprovementEpochTerminationCondition"), details);
            int epochs = result.getTotalEpochs();
            assertTrue(epochs >= 1 && epochs <= MAX_EPOCHS, epochs + " epochs");
            assertEquals(epochs - 1, train.epoch(), "each of the trainer's epochs is one DataSeq epoch");

            Map<Integer, Double> losses = result.getScoreVsEpoch();
            assertEquals(epochs, losses.size(), "a validation loss per epoch: " + losses);
            double best = Collections.min(losses.values());
            assertEquals(best, TrainWithEarlyStopping.bestValidationLoss(result), "the best epoch's loss");

            assertTrue(Files.isRegularFile(directory.resolve("bestModel.bin")), "the best model is saved");
            MultiLayerNetwork bestModel = result.getBestModel(); // loaded back from bestModel.bin
            assertEquals(best, new DataSetLossCalculator(validation, true).calculateScore(bestModel), 1e-6,
                    "the loaded model is the one that scored best");
            double accuracy = bestModel.evaluate(test).accuracy();
            assertTrue(accuracy > 0.6, "test accuracy " + accuracy + " of the best model; chance is 0.1");
        }
    }

    @Test
    void aFileThatCannotBeReadInTheFirstEpochFailsWithItsName(@TempDir Path directory) throws Exception {
        ClassFolders bundled = ClassFolders.under(Path.of("data", "mnist-jpg"), "jpg");
        Path root = directory.resolve("digits");
        for (int record = 0; record < bundled.size(); record += 25) { // 10 files of each class
            Path copy = root.resolve(bundled.relativePath(record));
            Files.createDirectories(copy.getParent());
            Files.copy(bundled.file(record), copy);
        }
        Files.writeString(root.resolve("3").resolve("broken.jpg"), "not a JPEG");
        FolderDigits reader = new FolderDigits(ClassFolders.under(root, "jpg"));
        try (FolderDigitsSequence train = FolderDigitsSequence.builder(reader).batchSize(8).build();
                FolderDigitsSequence validation = FolderDigitsSequence.builder(reader).validation().build()) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, () ->
                    TrainWithEarlyStopping.train(RecipeDigits.network(), train, validation, 3, 1,
                            directory.resolve("models")));
            // Not DL4J's "FileNotFoundException: .../bestModel.bin", which LocalFileModelSaver alone would give.
            assertTrue(failure.getMessage().contains("io.dataseq.RecordException: could not read record"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains(root.resolve("3").resolve("broken.jpg").toString()),
                    failure.getMessage());
        }
    }
}
