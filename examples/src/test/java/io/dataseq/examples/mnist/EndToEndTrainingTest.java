package io.dataseq.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.files.CsvLabels;
import io.dataseq.index.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generated sequences fed to real DL4J training on the bundled JPEGs. */
class EndToEndTrainingTest {
    private static final Path DATA = Path.of("data", "mnist-jpg");

    private static List<LabelledFile> digits() throws IOException {
        return DigitFiles.fromCsv(DATA, DATA.resolve("labels.csv"));
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 3})
    void fitReadsEveryRecordExactlyOncePerEpoch(int workers) throws IOException {
        CountingDigits reader = new CountingDigits(digits().subList(0, 730)); // 730: a last, partial batch
        MultiLayerNetwork model = new MultiLayerNetwork(TrainDigits.network(10));
        model.init();
        try (CountingDigitsSequence sequence = CountingDigitsSequence.builder(reader).workers(workers).build()) {
            assertFalse(sequence.asyncSupported(), "DL4J must not wrap the sequence in its own prefetch thread");
            for (int epoch = 1; epoch <= 2; epoch++) {
                model.fit(sequence);
                for (int record = 0; record < reader.size(); record++) {
                    assertEquals(epoch, reader.reads(record), "reads of record " + record + " after epoch " + epoch);
                }
            }
            assertEquals(1, sequence.epoch(), "the second epoch is epoch 1");
        }
    }

    @Test
    void zeroVersusEightLearnsFromTheJpegs() throws IOException {
        ZeroOrEight reader = new ZeroOrEight(
                CsvLabels.readIndices(DATA, DATA.resolve("labels.csv"), "image_name", "label", 10));
        Split split = Split.stratified(reader.size(), reader::isEight, 0.8, 2024);
        try (ZeroOrEightSequence train = ZeroOrEightSequence.builder(reader).subset(split.train()).build();
                ZeroOrEightSequence test = ZeroOrEightSequence.builder(reader).subset(split.validation())
                        .validation().build()) {
            assertEquals(List.of("0", "8"), train.getLabels());
            double accuracy = TrainDigits.run("0 vs 8", train, test, 2, 2);
            assertTrue(accuracy >= 0.95, "held-out accuracy " + accuracy);
        }
    }

    @Test
    void generatedSourceIsWrittenForReaders() {
        Path generated = Path.of("target", "generated-sources", "annotations", "io", "dataseq", "examples", "mnist",
                "DigitsSequence.java");
        assertTrue(Files.isRegularFile(generated), generated + " exists");
    }
}
