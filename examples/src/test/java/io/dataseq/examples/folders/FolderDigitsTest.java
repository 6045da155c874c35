package io.dataseq.examples.folders;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.files.ClassFolders;
import io.dataseq.index.RecordSubset;
import io.dataseq.index.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The folder-per-class reader through its generated sequence: every validation record once per epoch, decoded as
 * OpenCV's own {@code imread} decodes its file, labelled by its folder; and with augmentation on, the same batches
 * for any worker count, new ones each epoch, none in validation.
 */
class FolderDigitsTest {
    private static final Path DATA = Path.of("data", "mnist-jpg");
    private static final int PIXELS = 28 * 28;

    private static ClassFolders folders;
    private static Split split;

    @BeforeAll
    static void listFolders() throws IOException {
        folders = ClassFolders.under(DATA, "jpg");
        split = Split.stratified(folders.size(), folders::classOf, 0.8, 2024);
    }

    /** OpenCV's imread of the record's file, scaled to [0, 1] as @Image does. */
    private static float[] imread(int record) {
        Mat image = org.bytedeco.opencv.global.opencv_imgcodecs.imread(folders.file(record).toString(),
                IMREAD_GRAYSCALE);
        assertEquals(28, image.rows());
        byte[] pixels = new byte[PIXELS];
        image.data().get(pixels);
        float[] values = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            values[i] = (pixels[i] & 0xFF) / 255f;
        }
        return values;
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {0, 3})
    void everyValidationRecordOncePerEpochDecodedAsImreadDecodesIt(int workers) {
        RecordSubset validation = split.validation();
        Map<Integer, List<Integer>> byPixels = new HashMap<>();
        Map<Integer, float[]> expected = new HashMap<>();
        for (int i = 0; i < validation.size(); i++) {
            int record = validation.record(i);
            float[] pixels = imread(record);
            expected.put(record, pixels);
            byPixels.computeIfAbsent(Arrays.hashCode(levels(pixels)), key -> new ArrayList<>()).add(record);
        }
        FolderDigits reader = new FolderDigits(folders);
        try (FolderDigitsSequence sequence = FolderDigitsSequence.builder(reader).subset(validation)
                .classNames(folders.classNames()).workers(workers).build()) {
            assertEquals(folders.classNames(), sequence.getLabels());
            for (int epoch = 0; epoch < 2; epoch++) {
                int[] reads = new int[folders.size()];
                while (sequence.hasNext()) {
                    DataSet batch = sequence.next();
                    float[][] rows = batch.getFeatures().reshape(batch.numExamples(), PIXELS).toFloatMatrix();
                    float[][] labels = batch.getLabels().toFloatMatrix();
                    for (int row = 0; row < rows.length; row++) {
                        int record = recordOf(rows[row], byPixels, expected);
                        reads[record]++;
                        assertEquals(1f, labels[row][folders.classOf(record)], "label of record " + record);
                    }
                }
                for (int record = 0; record < reads.length; record++) {
                    boolean inValidation = Arrays.binarySearch(validation.toArray(), record) >= 0;
                    assertEquals(inValidation ? 1 : 0, reads[record], "reads of record " + record + " in epoch "
                            + epoch);
                }
                sequence.reset();
            }
        }
    }

    /**
     * The record whose file decodes to {@code row}, within float rounding (the decoder multiplies by 1/255 in
     * OpenCV's convertTo, the reference divides).
     */
    private static int recordOf(float[] row, Map<Integer, List<Integer>> byPixels, Map<Integer, float[]> expected) {
        List<Integer> candidates = byPixels.get(Arrays.hashCode(levels(row)));
        assertNotNull(candidates, "a row that no file decodes to");
        for (int record : candidates) {
            float[] pixels = expected.get(record);
            boolean same = true;
            for (int i = 0; i < PIXELS && same; i++) {
                same = Math.abs(pixels[i] - row[i]) <= 1e-6f;
            }
            if (same) {
                return record;
            }
        }
        throw new AssertionError("a row that no file decodes to");
    }

    /** The 0..255 levels of values scaled to [0, 1]. */
    private static int[] levels(float[] values) {
        int[] levels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            levels[i] = Math.round(values[i] * 255);
        }
        return levels;
    }

    @Test
    void augmentedBatchesAreTheSameForOneTwoAndEightWorkersAndNewEachEpoch() {
        AugmentedFolderDigits reader = new AugmentedFolderDigits(folders);
        RecordSubset part = RecordSubset.of(Arrays.copyOf(split.train().toArray(), 300));
        List<float[]> oneThread = epochs(reader, part, 0);
        assertEquals(oneThread.size(), epochs(reader, part, 2).size());
        for (int workers : new int[] {2, 8}) {
            List<float[]> batches = epochs(reader, part, workers);
            for (int i = 0; i < oneThread.size(); i++) {
                assertArrayEquals(oneThread.get(i), batches.get(i), workers + " workers, batch " + i);
            }
        }
    }

    /** Two epochs' features of an unshuffled sequence, batch by batch; the second epoch must differ. */
    private static List<float[]> epochs(AugmentedFolderDigits reader, RecordSubset part, int workers) {
        List<float[]> batches = new ArrayList<>();
        try (AugmentedFolderDigitsSequence sequence = AugmentedFolderDigitsSequence.builder(reader).subset(part)
                .shuffle(false).workers(workers).build()) {
            List<float[]> first = new ArrayList<>();
            for (int epoch = 0; epoch < 2; epoch++) {
                int index = 0;
                while (sequence.hasNext()) {
                    float[] features = sequence.next().getFeatures().dup().data().asFloat();
                    batches.add(features);
                    if (epoch == 0) {
                        first.add(features);
                    } else {
                        assertFalse(Arrays.equals(first.get(index), features), "epoch 1 repeats batch " + index);
                    }
                    index++;
                }
                sequence.reset();
            }
        }
        return batches;
    }

    @Test
    void aValidationSequenceIsNotAugmented() {
        RecordSubset part = RecordSubset.of(Arrays.copyOf(split.validation().toArray(), 100));
        try (AugmentedFolderDigitsSequence augmented = AugmentedFolderDigitsSequence
                        .builder(new AugmentedFolderDigits(folders)).subset(part).validation().build();
                FolderDigitsSequence plain = FolderDigitsSequence.builder(new FolderDigits(folders)).subset(part)
                        .validation().batchSize(32).build()) {
            assertFalse(augmented.training());
            while (plain.hasNext()) {
                INDArray expected = plain.next().getFeatures();
                INDArray actual = augmented.next().getFeatures();
                assertArrayEquals(expected.dup().data().asFloat(), actual.dup().data().asFloat());
            }
            assertTrue(!augmented.hasNext());
        }
    }
}
