package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.SkippedRecord;
import io.dataseq.image.ImageDecodeException;
import io.dataseq.image.ImageDecoder;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import io.dataseq.annotation.Image;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The bundled MNIST JPEGs through a generated-style sequence: decoded by two workers straight into the batches. */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class ImageSequenceTest {
    private static final Path MNIST = Path.of("../examples/data/mnist-jpg");
    private static final int RECORDS = 150;

    @TempDir
    Path dir;

    /** Every 13th file, so that all digits are there, in a fixed order. */
    private static List<Path> digits() throws IOException {
        try (Stream<Path> files = Files.walk(MNIST)) {
            List<Path> all = files.filter(file -> file.toString().endsWith(".jpg")).sorted()
                    .collect(Collectors.toList());
            List<Path> chosen = new ArrayList<>();
            for (int i = 0; chosen.size() < RECORDS; i += 13) {
                chosen.add(all.get(i % all.size()));
            }
            return chosen;
        }
    }

    @Test
    void twoWorkersDecodeEveryDigitIntoItsRowAsOneThreadDoes() throws Exception {
        List<Path> files = digits();
        Digits reader = new Digits(files);
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(28, 28).channels(Image.Channels.GRAY).build());
        int plane = 28 * 28;
        List<Batches> twoWorkers = new ArrayList<>();
        try (DigitsSequence sequence = DigitsSequence.builder(reader).shuffle(true).seed(5).workers(2).prefetch(4)
                .build()) {
            assertEquals(plane, sequence.inputColumns());
            boolean[] seen = new boolean[RECORDS];
            int[] order = new int[RECORDS];
            int delivered = 0;
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                INDArray features = batch.getFeatures();
                assertArrayEquals(new long[] {features.size(0), 1, 28, 28}, features.shape(), "NCHW");
                twoWorkers.add(Batches.of(reshaped(batch)));
                float[][] rows = features.reshape(features.size(0), plane).toFloatMatrix();
                float[][] labels = batch.getLabels().toFloatMatrix();
                for (int row = 0; row < rows.length; row++) {
                    int record = recordOf(files, decoder, rows[row]);
                    assertTrue(!seen[record], "record " + record + " twice");
                    seen[record] = true;
                    order[delivered++] = record;
                    assertEquals(1f, labels[row][reader.digit(record)], "label of record " + record);
                }
            }
            assertEquals(RECORDS, delivered, "every record once");
            assertTrue(!Arrays.equals(order, java.util.stream.IntStream.range(0, RECORDS).toArray()), "shuffled");
        }
        try (DigitsSequence sequence = DigitsSequence.builder(reader).shuffle(true).seed(5).workers(0).build()) {
            List<Batches> oneThread = new ArrayList<>();
            while (sequence.hasNext()) {
                oneThread.add(Batches.of(reshaped(sequence.next())));
            }
            Batches.assertSameBits(oneThread, twoWorkers, "workers 2 against 0");
        }
    }

    @Test
    void aBadFileFailsItsRecordNamingTheFile() throws Exception {
        List<Path> files = new ArrayList<>(digits().subList(0, 40));
        Path truncated = dir.resolve("7").resolve("cut.jpg");
        Files.createDirectories(truncated.getParent());
        byte[] good = Files.readAllBytes(files.get(0));
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        Path text = dir.resolve("3").resolve("notes.jpg");
        Files.createDirectories(text.getParent());
        Files.write(text, "not a digit".getBytes(StandardCharsets.US_ASCII));
        files.set(21, truncated);
        files.set(33, text);

        try (DigitsSequence sequence = DigitsSequence.builder(new Digits(files)).workers(2).build()) {
            sequence.next(); // records 0..15
            RecordException e = assertThrows(RecordException.class, sequence::next);
            assertEquals(21, e.record());
            assertEquals(truncated.toString(), e.description());
            ImageDecodeException cause = assertInstanceOf(ImageDecodeException.class, e.getCause());
            assertEquals(truncated.toString(), cause.image());
            assertTrue(e.getMessage().contains(truncated + " is a truncated JPEG"), e.getMessage());
        }
        try (DigitsSequence sequence = DigitsSequence.builder(new Digits(files)).workers(2)
                .onError(ErrorPolicy.SKIP).build()) {
            int rows = 0;
            while (sequence.hasNext()) {
                rows += sequence.next().numExamples();
            }
            assertEquals(38, rows);
            List<SkippedRecord> skipped = sequence.skipped();
            assertEquals(List.of(21, 33), skipped.stream().map(SkippedRecord::record).collect(Collectors.toList()));
            assertTrue(skipped.get(1).cause().getMessage()
                    .startsWith(text + " is not an image in a format DataSeq decodes"),
                    skipped.get(1).cause().getMessage());
        }
    }

    /** Which of {@code files} decodes to {@code row}. */
    private static int recordOf(List<Path> files, ImageDecoder decoder, float[] row) throws IOException {
        for (int record = 0; record < files.size(); record++) {
            if (Arrays.equals(row, decoder.decode(ImageSource.of(files.get(record))))) {
                return record;
            }
        }
        throw new AssertionError("a row that no file decodes to");
    }

    /** The batch with its features as rows, for {@link Batches}. */
    private static DataSet reshaped(DataSet batch) {
        INDArray features = batch.getFeatures();
        return new DataSet(features.reshape(features.size(0), features.length() / features.size(0)),
                batch.getLabels());
    }
}
