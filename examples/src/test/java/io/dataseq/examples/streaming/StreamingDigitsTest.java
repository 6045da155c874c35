package io.dataseq.examples.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.examples.mnist.Grayscale;
import io.dataseq.stream.DescriptorSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The generated streaming sequence over the bundled file list: every line once per epoch, and it learns. */
class StreamingDigitsTest {
    private static final Path LIST = Path.of("data", "mnist-jpg", "labels.csv");

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void everyLineOncePerEpochFirstInListOrderThenShuffled(int workers) throws Exception {
        DescriptorSource<DigitLines.Digit> source = DigitLines.lines(LIST, 0, 1); // 500 lines
        List<String> listed = new ArrayList<>();
        Iterator<? extends DigitLines.Digit> lines = source.open();
        while (lines.hasNext()) {
            DigitLines.Digit digit = lines.next();
            listed.add(key(Grayscale.decode(digit.file(), 28, 28), digit.label()));
        }
        ((AutoCloseable) lines).close();

        List<List<String>> epochs = new ArrayList<>();
        try (DigitLinesSequence sequence = DigitLinesSequence.builder(new DigitLines(), source)
                .batchSize(32).workers(workers).build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                List<String> seen = new ArrayList<>();
                while (sequence.hasNext()) {
                    DataSet batch = sequence.next();
                    INDArray pixels = batch.getFeatures().reshape(batch.numExamples(), 28 * 28);
                    for (int row = 0; row < batch.numExamples(); row++) {
                        seen.add(key(pixels.getRow(row).toFloatVector(),
                                batch.getLabels().getRow(row).argMax().getInt(0)));
                    }
                }
                epochs.add(seen);
                sequence.reset();
            }
            assertEquals(listed.size(), sequence.records());
        }

        assertEquals(500, listed.size());
        assertEquals(listed, epochs.get(0), "epoch 1 streams the list in its order");
        assertEquals(counts(listed), counts(epochs.get(1)), "epoch 2 holds every line once");
        assertNotEquals(listed, epochs.get(1), "epoch 2 is shuffled");
    }

    @Test
    void learnsWellAboveChance() {
        double accuracy = TrainStreamingDigits.run(LIST, 2, 3);

        assertTrue(accuracy > 0.6, "accuracy " + accuracy);
    }

    private static String key(float[] pixels, int label) {
        return label + ":" + Arrays.hashCode(pixels);
    }

    private static Map<String, Integer> counts(List<String> keys) {
        Map<String, Integer> counts = new HashMap<>();
        keys.forEach(key -> counts.merge(key, 1, Integer::sum));
        return counts;
    }
}
