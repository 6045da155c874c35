package io.dataseq.examples.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataseq.Position;
import io.dataseq.RecordMetaData;
import io.dataseq.examples.folders.FolderDigitsSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * The checkpoint recipe: a run that crashes after a checkpoint in the middle of an epoch, resumed in a fresh model
 * and sequence from that checkpoint, fits exactly the batches (the same records, in the same order) that an
 * uninterrupted run fits after that point, and ends with bit for bit the same parameters: training is deterministic
 * here (seeded network and order, {@code OMP_NUM_THREADS=1} from the surefire configuration, one training thread),
 * and a checkpoint holds all that training depends on: the parameters, the updater's state and iteration count, and
 * the sequence's position.
 */
class TrainWithCheckpointsTest {
    private static final int EPOCHS = 2;
    private static final int EVERY = 5;
    /** FolderDigits' {@code @DataSequence(seed = 11)}. */
    private static final long SEED = 11;

    @TempDir
    static Path directory;
    private static RecipeDigits data;
    /** The batches of an uninterrupted run, each as its records, in the order fitted. */
    private static List<List<Long>> uninterruptedBatches;
    private static MultiLayerNetwork uninterrupted;

    /** Stands for a crash: thrown from the sequence's {@code next()} by {@link Recorder}. */
    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Notes the records of each batch the training loop takes; "crashes" when it takes batch {@code crashAt}. */
    private static final class Recorder implements DataSetPreProcessor {
        private static final long serialVersionUID = 1L;
        private final List<List<Long>> batches = new ArrayList<>();
        private final int crashAt;

        Recorder(int crashAt) {
            this.crashAt = crashAt;
        }

        @Override
        public void preProcess(DataSet batch) {
            if (batches.size() == crashAt) {
                throw new Crash();
            }
            batches.add(batch.getExampleMetaData(RecordMetaData.class).stream().map(RecordMetaData::record).toList());
        }
    }

    /** The recipes' training sequence, with each row's record, over {@code workers}. */
    private static FolderDigitsSequence.Builder training(int workers) {
        return data.training().exampleMetaData(true).workers(workers);
    }

    @BeforeAll
    static void trainWithoutInterruption() throws IOException {
        data = RecipeDigits.bundled();
        uninterrupted = RecipeDigits.network();
        Recorder recorder = new Recorder(-1);
        try (FolderDigitsSequence train = training(2).build()) {
            train.setPreProcessor(recorder);
            TrainWithCheckpoints.fit(uninterrupted, train, EPOCHS, EVERY, directory.resolve("uninterrupted"));
            assertEquals(EPOCHS * train.batchesPerEpoch(), recorder.batches.size());
        }
        uninterruptedBatches = recorder.batches;
    }

    @Test
    void aRunResumedMidEpochFitsTheBatchesLeftAndEndsWithTheParametersOfAnUninterruptedRun() throws IOException {
        Path checkpoints = directory.resolve("crashed");
        int crashAt = 8; // three batches after the checkpoint at batch 5: their training is lost with the crash
        Recorder beforeCrash = new Recorder(crashAt);
        try (FolderDigitsSequence train = training(2).build()) {
            train.setPreProcessor(beforeCrash);
            assertThrows(Crash.class,
                    () -> TrainWithCheckpoints.fit(RecipeDigits.network(), train, EPOCHS, EVERY, checkpoints));
        }
        assertEquals(uninterruptedBatches.subList(0, crashAt), beforeCrash.batches, "the same seed, the same order");

        Checkpoint checkpoint = Checkpoint.latest(checkpoints).orElseThrow();
        assertEquals(new Position(SEED, 0, EVERY), checkpoint.position());
        Recorder resumed = new Recorder(-1);
        try (FolderDigitsSequence train = training(1).resumeFrom(checkpoint.position()).build()) {
            train.setPreProcessor(resumed);
            TrainWithCheckpoints.fit(checkpoint.model(), train, EPOCHS, EVERY, checkpoints);
        }

        assertEquals(uninterruptedBatches.subList(EVERY, uninterruptedBatches.size()), resumed.batches,
                "exactly the batches after the checkpoint, the crashed run's last three again");
        MultiLayerNetwork model = checkpoint.model();
        assertEquals(uninterrupted.getIterationCount(), model.getIterationCount());
        assertEquals(uninterrupted.getEpochCount(), model.getEpochCount());
        assertArrayEquals(uninterrupted.params().dup().data().asFloat(), model.params().dup().data().asFloat(),
                "the parameters of the uninterrupted run");
        assertArrayEquals(uninterrupted.getUpdater().getStateViewArray().dup().data().asFloat(),
                model.getUpdater().getStateViewArray().dup().data().asFloat(), "Adam's moments");
    }

    @Test
    void aCheckpointAfterAnEpochsLastBatchResumesWithTheNextEpoch() throws IOException {
        Recorder resumed = new Recorder(-1);
        int batches = uninterruptedBatches.size() / EPOCHS;
        try (FolderDigitsSequence train = training(2).resumeFrom(new Position(SEED, 0, batches)).build()) {
            train.setPreProcessor(resumed);
            TrainWithCheckpoints.fit(RecipeDigits.network(), train, EPOCHS, EVERY, directory.resolve("at-end"));
            assertEquals(new Position(SEED, EPOCHS, 0), train.position());
        }
        assertEquals(uninterruptedBatches.subList(batches, 2 * batches), resumed.batches, "epoch 1, once");
    }

    @Test
    void theDirectoryHoldsTheLastCheckpointOnlyWithItsPositionAsText() throws IOException {
        Path checkpoints = directory.resolve("uninterrupted");
        List<Path> folders;
        try (Stream<Path> entries = Files.list(checkpoints)) {
            folders = entries.toList();
        }
        assertEquals(1, folders.size(), folders.toString());
        Path folder = folders.get(0);
        assertEquals("seed=11 epoch=2 batch=0", Files.readString(folder.resolve(Checkpoint.POSITION)));
        Checkpoint last = Checkpoint.latest(checkpoints).orElseThrow();
        assertEquals(Position.parse("seed=11 epoch=2 batch=0"), last.position());
        assertArrayEquals(uninterrupted.params().dup().data().asFloat(), last.model().params().dup().data().asFloat());
    }
}
