package io.dataseq.examples.training;

import io.dataseq.dl4j.DataSetSequence;
import io.dataseq.examples.folders.FolderDigitsSequence;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Recipe: checkpoints, and a resume in the middle of an epoch. Training saves a {@link Checkpoint} (the model and,
 * beside it, the sequence's position) every few batches and at the end of each epoch. Run again after a crash, it
 * restores both, builds the sequence with {@code resumeFrom(position)}, and goes on: the resumed run fits exactly
 * the batches the interrupted one had not fitted when it saved the checkpoint, in the same order, and with a
 * deterministic training (same seeds, {@code OMP_NUM_THREADS=1}) ends with the same parameters as a run that was
 * never interrupted.
 *
 * <p>Usage: {@code TrainWithCheckpoints [EPOCHS [DIRECTORY]]} (defaults: 3, {@code target/checkpoints}); stop it
 * at any time and run it again.
 */
public final class TrainWithCheckpoints {
    /** Batches between checkpoints. */
    private static final int EVERY = 5;

    private TrainWithCheckpoints() {}

    /** Runs the recipe on the bundled digits; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path directory = Path.of(args.length > 1 ? args[1] : "target/checkpoints");
        RecipeDigits data = RecipeDigits.bundled();
        Optional<Checkpoint> saved = Checkpoint.latest(directory);
        MultiLayerNetwork model = saved.isPresent() ? saved.get().model() : RecipeDigits.network();
        FolderDigitsSequence.Builder builder = data.training();
        saved.ifPresent(checkpoint -> builder.resumeFrom(checkpoint.position()));
        try (FolderDigitsSequence train = builder.build()) {
            System.out.println(saved.isPresent() ? "resuming from " + train.position() : "starting");
            fit(model, train, epochs, EVERY, directory);
            System.out.println("done at " + train.position() + "; checkpoint in " + directory);
        }
    }

    /**
     * Fits {@code model} on {@code train}, a batch at a time, until the sequence has finished epoch
     * {@code epochs - 1}, and saves a checkpoint in {@code directory} after every {@code every}-th batch of an epoch
     * and at each epoch's end. A sequence built with {@code resumeFrom} starts where its checkpoint was saved.
     */
    public static void fit(MultiLayerNetwork model, DataSetSequence train, int epochs, int every, Path directory)
            throws IOException {
        while (train.epoch() < epochs) {
            while (train.hasNext()) {
                model.fit(train.next());
                if (train.position().batch() % every == 0) {
                    Checkpoint.save(model, train.position(), directory);
                }
            }
            train.reset();
            model.incrementEpochCount();
            Checkpoint.save(model, train.position(), directory);
        }
    }
}
