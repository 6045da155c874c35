package io.dataseq.examples.training;

import io.dataseq.dl4j.DataSetSequence;
import io.dataseq.examples.folders.FolderDigitsSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.LocalFileModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Recipe: early stopping. DL4J's {@link EarlyStoppingTrainer} trains on a DataSeq training sequence, scores the
 * model after each epoch on a DataSeq validation sequence ({@link DataSetLossCalculator}: the mean loss over every
 * validation record), keeps the best model on disk, and stops when the score has not improved for a while or after
 * a maximum number of epochs.
 *
 * <p>Usage: {@code TrainWithEarlyStopping [MAX_EPOCHS [DIRECTORY]]} (defaults: 10, {@code target/early-stopping}).
 */
public final class TrainWithEarlyStopping {
    private TrainWithEarlyStopping() {}

    /** Runs the recipe on the bundled digits; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        int maxEpochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path directory = Path.of(args.length > 1 ? args[1] : "target/early-stopping");
        RecipeDigits data = RecipeDigits.bundled();
        try (FolderDigitsSequence train = data.training().build();
                FolderDigitsSequence validation = data.heldOut(data.validation()).build();
                FolderDigitsSequence test = data.heldOut(data.test()).build()) {
            EarlyStoppingResult<MultiLayerNetwork> result =
                    train(RecipeDigits.network(), train, validation, maxEpochs, 2, directory);
            System.out.printf(Locale.ROOT, "stopped after %d epochs: %s%nvalidation loss per epoch: %s%n"
                            + "best: epoch %d, loss %.4f, saved in %s; test accuracy %.4f%n",
                    result.getTotalEpochs(), result.getTerminationDetails(), result.getScoreVsEpoch(),
                    result.getBestModelEpoch(), bestValidationLoss(result), directory,
                    result.getBestModel().evaluate(test).accuracy());
        }
    }

    /**
     * Trains {@code model} on {@code train} until the mean loss on {@code validation} has not improved for
     * {@code patience} epochs, or for {@code maxEpochs} epochs; the best model (the lowest validation loss) is saved
     * in {@code directory} (as {@code bestModel.bin}) and is the result's {@code getBestModel()}.
     *
     * @throws IllegalStateException when training failed: DL4J's trainer catches what {@code fit} throws (a
     *     {@code RecordException} for a file that cannot be read, say), logs it and returns a result that says
     *     {@code Error} with the exception's text, which this recipe turns back into an exception
     */
    public static EarlyStoppingResult<MultiLayerNetwork> train(MultiLayerNetwork model, DataSetSequence train,
            DataSetSequence validation, int maxEpochs, int patience, Path directory) throws IOException {
        Files.createDirectories(directory);
        LocalFileModelSaver saver = new LocalFileModelSaver(directory.toFile());
        // The untrained model is the best one until the first epoch is scored. Without one, DL4J 1.0.0-M2.1 fails
        // on the missing bestModel.bin when training fails in the first epoch, and only logs the real failure.
        saver.saveBestModel(model, Double.NaN);
        EarlyStoppingConfiguration<MultiLayerNetwork> configuration =
                new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                        .epochTerminationConditions(new MaxEpochsTerminationCondition(maxEpochs),
                                new ScoreImprovementEpochTerminationCondition(patience))
                        .scoreCalculator(new DataSetLossCalculator(validation, true))
                        .modelSaver(saver)
                        .build();
        EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(configuration, model, train).fit();
        if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
            throw new IllegalStateException("early stopping ended with an error: " + result.getTerminationDetails());
        }
        return result;
    }

    /**
     * The best model's validation loss. Not {@code result.getBestModelScore()}: when an epoch condition stops
     * training, DL4J 1.0.0-M2.1 sets that to the loaded best model's {@code score()}, the score of its last training
     * batch, which a model loaded from a file does not have (0.0).
     */
    public static double bestValidationLoss(EarlyStoppingResult<MultiLayerNetwork> result) {
        return result.getScoreVsEpoch().get(result.getBestModelEpoch());
    }
}
