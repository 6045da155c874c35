package io.dataseq.examples.training;

import io.dataseq.dl4j.DataSetSequence;
import io.dataseq.examples.folders.FolderDigitsSequence;
import io.dataseq.timing.StageTimings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.listeners.PerformanceListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;

/**
 * Recipe: DL4J's training listeners on a DataSeq sequence. {@link ScoreIterationListener} logs the loss and
 * {@link PerformanceListener} the throughput and the "ETL" time: how long {@code fit} waited for each batch
 * ({@code hasNext()} and {@code next()}). With DataSeq's workers reading ahead, the batch is ready when asked for,
 * so ETL reads 0 ms after the first batch of an epoch. {@link LoadingTimes} keeps the same ETL figure per
 * iteration, and the sequence's own timings (the consumer's wait) per epoch.
 *
 * <p>Usage: {@code TrainWithListeners [EPOCHS [WORKERS]]} (defaults: 3 epochs, one worker per processor); with
 * {@code WORKERS} 0 the batches are read on the training thread, and ETL is the time to read each.
 */
public final class TrainWithListeners {
    private TrainWithListeners() {}

    /** Runs the recipe on the bundled digits; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        RecipeDigits data = RecipeDigits.bundled();
        FolderDigitsSequence.Builder builder = data.training();
        if (args.length > 1) {
            builder.workers(Integer.parseInt(args[1]));
        }
        try (FolderDigitsSequence train = builder.build()) {
            LoadingTimes loading = train(RecipeDigits.network(), train, epochs, 5);
            System.out.printf(Locale.ROOT, "%d workers; ETL per iteration, ms: %s%n",
                    train.prefetchSettings().workers(), loading.etlMillis());
            loading.epochTimings().forEach(timings -> System.out.println("DataSeq " + timings));
        }
    }

    /**
     * Trains {@code model} on {@code train} for {@code epochs}, with DL4J's score and performance listeners logging
     * every {@code every} iterations; returns what a {@link LoadingTimes} listener saw.
     */
    public static LoadingTimes train(MultiLayerNetwork model, DataSetSequence train, int epochs, int every) {
        LoadingTimes loading = new LoadingTimes(train);
        model.setListeners(new ScoreIterationListener(every), new PerformanceListener(every, true), loading);
        model.fit(train, epochs);
        return loading;
    }

    /**
     * A listener that keeps, per iteration, the ETL time that {@link PerformanceListener} prints ({@code "ETL: 0 ms"}:
     * the model's {@code getLastEtlTime()}, how long {@code fit} waited for the batch) and, per epoch, the
     * sequence's {@link StageTimings}: where the workers' time went and how long the training thread waited.
     */
    public static final class LoadingTimes extends BaseTrainingListener {
        private final DataSetSequence sequence;
        private final List<Long> etlMillis = new ArrayList<>();
        private final List<StageTimings> epochTimings = new ArrayList<>();

        /** Keeps the timings of {@code sequence}, the one the model is fitted on. */
        public LoadingTimes(DataSetSequence sequence) {
            this.sequence = sequence;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            etlMillis.add(((MultiLayerNetwork) model).getLastEtlTime());
        }

        @Override
        public void onEpochEnd(Model model) {
            epochTimings.add(sequence.timings());
        }

        /** The ETL time of each iteration so far, in milliseconds, in order. */
        public List<Long> etlMillis() {
            return List.copyOf(etlMillis);
        }

        /** The sequence's timings at the end of each epoch so far. */
        public List<StageTimings> epochTimings() {
            return List.copyOf(epochTimings);
        }
    }
}
