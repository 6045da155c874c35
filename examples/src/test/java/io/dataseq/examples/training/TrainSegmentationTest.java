package io.dataseq.examples.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.dl4j.MultiDataSetSequence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The segmentation recipe on the bundled digits: the reader is at most 15 lines; the generated sequence delivers
 * the image, its mask and its class; a mask stays on its digit's ink when both are rotated and mirrored; the
 * batches are the same for any worker count; and a two-output graph learns both.
 */
// A guard against a hang, not a timing assertion.
@Timeout(300)
class TrainSegmentationTest {
    private static final int PLANE = 28 * 28;
    private static final Path READER = Path.of("src", "main", "java", "io", "dataseq", "examples", "training",
            "SegmentedDigits.java");

    @TempDir
    static Path masks;
    private static RecipeDigits digits;
    private static SegmentedDigits reader;

    @BeforeAll
    static void deriveTheMasks() throws IOException {
        digits = RecipeDigits.bundled();
        reader = TrainSegmentation.segmented(digits.folders(), masks);
    }

    @Test
    void theReaderTakesAtMostFifteenLines() throws IOException {
        String source = Files.readString(READER, StandardCharsets.UTF_8);
        String code = source.substring(source.indexOf("@DataSequence"));
        long lines = code.lines().filter(line -> !line.isBlank()).count();
        assertTrue(lines <= 15, lines + " lines:\n" + code);
    }

    @Test
    void anUnaugmentedMaskIsTheInkOfItsImageAndTheClassIsTheDigits() {
        try (SegmentedDigitsSequence sequence = SegmentedDigitsSequence.builder(reader).subset(digits.test())
                .validation().workers(2).build()) {
            assertTrue(sequence instanceof MultiDataSetSequence);
            assertEquals(List.of("image"), sequence.inputNames());
            assertEquals(List.of("mask", "digit"), sequence.outputNames());
            int position = 0;
            while (sequence.hasNext()) {
                MultiDataSet batch = sequence.next();
                float[] images = batch.getFeatures(0).dup().data().asFloat();
                float[] masks = batch.getLabels(0).dup().data().asFloat();
                for (int row = 0; row < batch.getFeatures(0).size(0); row++, position++) {
                    int record = digits.test().record(position);
                    for (int i = row * PLANE; i < (row + 1) * PLANE; i++) {
                        int gray = Math.round(images[i] * 255);
                        assertEquals(gray > TrainSegmentation.INK ? 1f : 0f, masks[i], "record " + record);
                    }
                    assertEquals(digits.folders().classOf(record), batch.getLabels(1).getRow(row).argMax().getInt(0));
                }
            }
            assertEquals(digits.test().size(), position);
        }
    }

    @Test
    void inTrainingTheMaskIsRotatedAndMirroredWithItsImage() {
        List<float[][]> training = rows(SegmentedDigitsSequence.builder(reader).subset(digits.test()).shuffle(false));
        List<float[][]> plain = rows(SegmentedDigitsSequence.builder(reader).subset(digits.test()).validation());
        double aligned = 0;
        double mirrored = 0;
        int changed = 0;
        for (int row = 0; row < training.size(); row++) {
            float[] image = training.get(row)[0];
            float[] mask = training.get(row)[1];
            aligned += correlation(image, mask);
            mirrored += correlation(image, mirror(mask));
            changed += java.util.Arrays.equals(mask, plain.get(row)[1]) ? 0 : 1;
        }
        aligned /= training.size();
        mirrored /= training.size();
        assertTrue(changed > training.size() * 3 / 4, changed + " of " + training.size() + " masks augmented");
        assertTrue(aligned > 0.85, "a mask follows its image: correlation " + aligned);
        assertTrue(aligned > mirrored + 0.2, "aligned " + aligned + ", mirrored " + mirrored);
    }

    @Test
    void zeroAndTwoWorkersDeliverTheSameBatches() {
        List<float[][]> inline = rows(SegmentedDigitsSequence.builder(reader).subset(digits.train()).workers(0));
        List<float[][]> two = rows(SegmentedDigitsSequence.builder(reader).subset(digits.train()).workers(2));
        assertEquals(digits.train().size(), inline.size());
        for (int row = 0; row < inline.size(); row++) {
            for (int part = 0; part < 3; part++) {
                assertArrayEquals(inline.get(row)[part], two.get(row)[part], "row " + row + ", part " + part);
            }
        }
    }

    @Test
    void aGraphWithTwoOutputsLearnsTheMasksAndTheClasses() {
        TrainSegmentation.Scores scores = TrainSegmentation.train(reader, digits, 2, 2);
        // Ink is about a fifth of the pixels: all background would score 0.8; chance for the class is 0.1.
        assertTrue(scores.maskPixelAccuracy() > 0.9, scores.toString());
        assertTrue(scores.classAccuracy() > 0.3, scores.toString());
    }

    /** Every row of the first epoch of {@code builder}'s sequence: its image, mask and one-hot class. */
    private static List<float[][]> rows(SegmentedDigitsSequence.Builder builder) {
        List<float[][]> rows = new ArrayList<>();
        try (SegmentedDigitsSequence sequence = builder.build()) {
            while (sequence.hasNext()) {
                MultiDataSet batch = sequence.next();
                float[] images = batch.getFeatures(0).dup().data().asFloat();
                float[] masks = batch.getLabels(0).dup().data().asFloat();
                float[] classes = batch.getLabels(1).dup().data().asFloat();
                for (int row = 0; row < batch.getFeatures(0).size(0); row++) {
                    rows.add(new float[][] {
                        java.util.Arrays.copyOfRange(images, row * PLANE, (row + 1) * PLANE),
                        java.util.Arrays.copyOfRange(masks, row * PLANE, (row + 1) * PLANE),
                        java.util.Arrays.copyOfRange(classes, row * 10, (row + 1) * 10)});
                }
            }
        }
        return rows;
    }

    private static float[] mirror(float[] plane) {
        float[] mirrored = new float[plane.length];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                mirrored[y * 28 + x] = plane[y * 28 + 27 - x];
            }
        }
        return mirrored;
    }

    private static double correlation(float[] a, float[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
