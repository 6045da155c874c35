package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.Interpolation;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.testing.Scenes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A segmentation reader, an image and its mask, augmented together as its {@code @Image}s declare: every batch is
 * the same bits for 0, 1 and 3 workers, from a store or not, and in every row the mask still marks the pixels of
 * the image that are bright, as it did before augmentation ({@link Scenes}).
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class SegmentationSequenceTest {
    private static final int RECORDS = 29;
    private static final int HEIGHT = 24;
    private static final int WIDTH = 32;
    private static final int PLANE = HEIGHT * WIDTH;
    /** NEAREST for the image too, so that image and mask take exactly the same pixels and can be compared exactly. */
    private static final ImageSpec IMAGE = ImageSpec.builder(HEIGHT, WIDTH).interpolation(Interpolation.NEAREST)
            .flipHorizontal(0.5).rotateDegrees(20).cropScale(0.75).brightness(0.1).contrast(0.2).build();
    private static final ImageSpec MASK = ImageSpec.builder(HEIGHT, WIDTH).channels(Channels.GRAY)
            .interpolation(Interpolation.NEAREST).std(1.0 / 255).flipHorizontal(0.5).rotateDegrees(20)
            .cropScale(0.75).build();

    @TempDir
    Path directory;

    @Test
    void zeroOneAndThreeWorkersDeliverTheSameAlignedBatches() {
        List<List<float[]>> inline = epochs(builder().workers(0), 2);
        assertAligned(inline);
        for (int workers : new int[] {1, 3}) {
            assertSame(inline, epochs(builder().workers(workers), 2), workers + " workers");
        }
        assertFalse(java.util.Arrays.equals(inline.get(0).get(0), inline.get(1).get(0)), "each epoch anew");
        List<List<float[]>> plain = epochs(builder().validation(), 1);
        assertAligned(plain);
        assertFalse(java.util.Arrays.equals(plain.get(0).get(0), epochs(builder().shuffle(false), 1).get(0).get(0)),
                "training augments");
    }

    @Test
    void aStoredImageAndMaskAreAugmentedTogetherTooForAnyWorkerCount() {
        List<List<float[]>> writing = epochs(builder().workers(1).cache(directory), 2);
        List<List<float[]>> reading = epochs(builder().workers(3).cache(directory), 2);
        assertSame(writing, reading, "written with 1 worker, read with 3");
        assertAligned(writing);
    }

    private static SegmentationSequence.Builder builder() {
        return new SegmentationSequence.Builder(new Segments()).batchSize(5).shuffle(true).seed(23);
    }

    /** Each batch as its features, then its labels, for {@code count} epochs. */
    private static List<List<float[]>> epochs(SegmentationSequence.Builder builder, int count) {
        List<List<float[]>> epochs = new ArrayList<>();
        try (SegmentationSequence sequence = builder.build()) {
            for (int epoch = 0; epoch < count; epoch++) {
                List<float[]> batches = new ArrayList<>();
                while (sequence.hasNext()) {
                    DataSet batch = sequence.next();
                    float[] features = batch.getFeatures().dup().data().asFloat();
                    float[] labels = batch.getLabels().dup().data().asFloat();
                    float[] both = java.util.Arrays.copyOf(features, features.length + labels.length);
                    System.arraycopy(labels, 0, both, features.length, labels.length);
                    batches.add(both);
                }
                epochs.add(batches);
                sequence.reset();
            }
        }
        return epochs;
    }

    /** In every row of every batch the mask marks the bright pixels of the image. */
    private static void assertAligned(List<List<float[]>> epochs) {
        int rows = 0;
        for (List<float[]> epoch : epochs) {
            for (float[] batch : epoch) {
                int count = batch.length / (IMAGE.length() + MASK.length());
                for (int row = 0; row < count; row++) {
                    int mask = count * IMAGE.length() + row * MASK.length();
                    assertArrayEquals(new int[0],
                            Scenes.disagreements(batch, row * IMAGE.length(), batch, mask, PLANE), "row " + row);
                    rows++;
                }
            }
        }
        assertEquals(RECORDS * epochs.size(), rows);
    }

    private static void assertSame(List<List<float[]>> expected, List<List<float[]>> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int epoch = 0; epoch < expected.size(); epoch++) {
            assertEquals(expected.get(epoch).size(), actual.get(epoch).size(), what + ", epoch " + epoch);
            for (int batch = 0; batch < expected.get(epoch).size(); batch++) {
                assertArrayEquals(expected.get(epoch).get(batch), actual.get(epoch).get(batch),
                        what + ": epoch " + epoch + ", batch " + batch);
            }
        }
        assertTrue(expected.get(0).size() > 1);
    }

    /** Scenes as PNG bytes: an image, and its mask derived from its pixels. */
    static final class Segments {
        byte[] image(int record) {
            return Scenes.png(Scenes.image(record), 3);
        }

        byte[] mask(int record) {
            return Scenes.png(Scenes.maskOf(Scenes.image(record)), 1);
        }
    }

    /** What the processor would generate for {@link Segments}. */
    static final class SegmentationSequence extends DataSetSequence {
        private static final long serialVersionUID = 1L;

        private SegmentationSequence(Builder builder) {
            super(builder);
        }

        static final class Builder extends SequenceBuilder<SegmentationSequence, Builder> {
            private static final ReaderBinding<Segments> BINDING = ReaderBinding.<Segments>builder()
                    .size(reader -> RECORDS)
                    .imageFeatures("image", IMAGE, (reader, record, context) -> ImageSource.of(reader.image(record)))
                    .imageLabel("mask", MASK, (reader, record, context) -> ImageSource.of(reader.mask(record)))
                    .build();

            Builder(Segments reader) {
                this(BINDING.over(ReaderSource.shared(reader)));
            }

            Builder(PlanSource source) {
                super(source);
            }

            @Override
            protected Builder self() {
                return this;
            }

            @Override
            public SegmentationSequence build() {
                return new SegmentationSequence(this);
            }
        }
    }
}
