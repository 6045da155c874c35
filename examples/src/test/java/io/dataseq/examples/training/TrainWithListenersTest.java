package io.dataseq.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.examples.folders.FolderDigitsSequence;
import io.dataseq.timing.StageTimings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The listeners recipe: DL4J's score and performance listeners report every iteration of a fit on a DataSeq
 * sequence, the "ETL" field that PerformanceListener prints is the model's wait for each batch (the value the
 * recipe's listener keeps), and the sequence's timings close each epoch. Behaviour only: how small the ETL time is
 * depends on the machine, so no test asserts a bound on it (docs/user-guide.md shows a measured run).
 */
class TrainWithListenersTest {
    private static final Pattern SCORE = Pattern.compile("ScoreIterationListener - Score at iteration (\\d+) is ");
    private static final Pattern PERFORMANCE =
            Pattern.compile("PerformanceListener - ETL: (\\d+) ms; iteration (\\d+); ");

    @Test
    void listenersReportEveryIterationAndTheEtlTheyPrintIsTheModelsWaitForTheBatch() throws Exception {
        RecipeDigits data = RecipeDigits.bundled();
        int epochs = 2;
        try (FolderDigitsSequence train = data.training().workers(2).build()) {
            TrainWithListeners.LoadingTimes loading;
            String log;
            long fitMillis;
            PrintStream err = System.err; // slf4j-simple writes DL4J's log lines to the System.err of the moment
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
                System.setErr(capture);
                long start = System.currentTimeMillis(); // the clock DL4J times ETL with
                loading = TrainWithListeners.train(RecipeDigits.network(), train, epochs, 1);
                fitMillis = System.currentTimeMillis() - start;
            } finally {
                System.setErr(err);
            }
            log = captured.toString(StandardCharsets.UTF_8);

            int iterations = epochs * train.batchesPerEpoch();
            assertEquals(iterations, loading.etlMillis().size(), "one ETL time per iteration");
            assertEquals(range(iterations), numbers(SCORE, log, 1), "ScoreIterationListener, every iteration");
            assertEquals(range(iterations), numbers(PERFORMANCE, log, 2), "PerformanceListener, every iteration");
            assertEquals(loading.etlMillis(), numbers(PERFORMANCE, log, 1),
                    "PerformanceListener's ETL field is the wait for the batch that the recipe's listener keeps");
            long etlSum = 0;
            for (long etl : loading.etlMillis()) {
                assertTrue(etl >= 0, "ETL " + etl + " ms");
                etlSum += etl;
            }
            assertTrue(etlSum <= fitMillis, "waits of " + etlSum + " ms in a fit of " + fitMillis + " ms");

            List<StageTimings> timings = loading.epochTimings();
            assertEquals(epochs, timings.size(), "the sequence's timings at each epoch's end");
            for (int epoch = 0; epoch < epochs; epoch++) {
                StageTimings epochTimings = timings.get(epoch);
                assertEquals(epoch, epochTimings.epoch());
                assertEquals(data.train().size(), epochTimings.records());
                assertEquals(train.batchesPerEpoch(), epochTimings.batches());
                assertTrue(epochTimings.consumerWait().compareTo(epochTimings.elapsed()) <= 0, epochTimings.toString());
            }
        }
    }

    private static List<Long> range(int count) {
        List<Long> numbers = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    /** Group {@code group} of each match of {@code line} in {@code log}, in order. */
    private static List<Long> numbers(Pattern line, String log, int group) {
        List<Long> numbers = new ArrayList<>();
        Matcher matcher = line.matcher(log);
        while (matcher.find()) {
            numbers.add(Long.parseLong(matcher.group(group)));
        }
        return numbers;
    }
}
