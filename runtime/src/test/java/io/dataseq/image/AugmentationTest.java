package io.dataseq.image;

import static io.dataseq.image.TestImages.maxDifference;
import static io.dataseq.image.TestImages.openCv;
import static io.dataseq.image.TestImages.reference;
import static io.dataseq.image.TestImages.texture;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordContext;
import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.Interpolation;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * Each augmentation against OpenCV applied by hand to a synthetic image, with the changes drawn from the same
 * (seed, epoch, record); and when augmentation happens: only for a training context, differently per epoch.
 */
class AugmentationTest {
    private static final float EXACT = 1e-5f;
    private static final Mat IMAGE = texture(48, 64, 3, 7);

    private static float[] decode(ImageSpec spec, RecordContext context) throws ImageDecodeException {
        float[] values = new float[spec.length()];
        new ImageDecoder(spec).decode(ImageSource.of(new Mat(IMAGE)), context, FloatBuffer.wrap(values), 0);
        return values;
    }

    /** The changes the decoder draws for {@code context}, which is seeded with 1: from an equal, fresh context. */
    private static Augmentation drawn(ImageSpec spec, RecordContext context) {
        RecordContext fresh = new RecordContext(1, context.epoch(), context.record());
        return Augmentation.draw(spec, fresh.recordRandom().split(), fresh.random());
    }

    @Test
    void aCropIsOpenCvsRegionOfInterestResized() throws Exception {
        ImageSpec spec = ImageSpec.builder(24, 32).cropScale(0.5).interpolation(Interpolation.LINEAR).build();
        for (int record = 0; record < 5; record++) {
            RecordContext context = new RecordContext(1, 0, record);
            Augmentation changes = drawn(spec, context);
            assertTrue(changes.cropFraction() >= 0.5 && changes.cropFraction() <= 1, "fraction " + changes);
            int[] crop = changes.cropRectangle(IMAGE.cols(), IMAGE.rows());
            Mat expected = new Mat();
            resize(new Mat(IMAGE, new Rect(crop[0], crop[1], crop[2], crop[3])), expected, new Size(32, 24), 0, 0,
                    openCv(Interpolation.LINEAR));
            assertTrue(maxDifference(reference(expected, spec), decode(spec, context)) <= EXACT, "record " + record);
        }
    }

    @Test
    void aRotationIsOpenCvsWarpAffineAboutTheCentreWithReflectedEdges() throws Exception {
        ImageSpec spec = ImageSpec.builder(48, 64).rotateDegrees(30).build();
        for (int record = 0; record < 5; record++) {
            RecordContext context = new RecordContext(1, 0, record);
            Augmentation changes = drawn(spec, context);
            assertTrue(Math.abs(changes.angle()) <= 30 && changes.angle() != 0, "angle " + changes);
            Mat expected = new Mat();
            warpAffine(IMAGE, expected, getRotationMatrix2D(new Point2f(31.5f, 23.5f), changes.angle(), 1),
                    new Size(64, 48), INTER_LINEAR, BORDER_REFLECT_101, new Scalar());
            assertTrue(maxDifference(reference(expected, spec), decode(spec, context)) <= EXACT, "record " + record);
        }
    }

    @Test
    void aFlipMirrorsLeftToRightWithTheDeclaredProbability() throws Exception {
        ImageSpec always = ImageSpec.builder(48, 64).channels(Channels.BGR).flipHorizontal(1).build();
        Mat mirrored = new Mat();
        opencv_core.flip(IMAGE, mirrored, 1);
        assertTrue(maxDifference(reference(mirrored, always), decode(always, new RecordContext(1, 0, 3))) <= EXACT);

        ImageSpec half = ImageSpec.builder(48, 64).flipHorizontal(0.5).build();
        int flipped = 0;
        for (int record = 0; record < 400; record++) {
            flipped += drawn(half, new RecordContext(1, 0, record)).flip() ? 1 : 0;
        }
        assertTrue(flipped > 150 && flipped < 250, flipped + " of 400 flipped");
    }

    @Test
    void brightnessAndContrastAreOneSaturatingConvertTo() throws Exception {
        ImageSpec spec = ImageSpec.builder(48, 64).channels(Channels.GRAY).brightness(0.3).contrast(0.5).build();
        Mat gray = new Mat();
        org.bytedeco.opencv.global.opencv_imgproc.cvtColor(IMAGE, gray,
                org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY);
        for (int record = 0; record < 5; record++) {
            RecordContext context = new RecordContext(1, 0, record);
            Augmentation changes = drawn(spec, context);
            assertTrue(Math.abs(changes.brightness()) <= 0.3 * 255, "brightness " + changes);
            assertTrue(changes.contrast() >= 0.5 && changes.contrast() <= 1.5, "contrast " + changes);
            Mat expected = new Mat();
            gray.convertTo(expected, -1, changes.contrast(),
                    (1 - changes.contrast()) * 127.5 + changes.brightness());
            assertTrue(maxDifference(reference(expected, spec), decode(spec, context)) <= EXACT, "record " + record);
        }
    }

    @Test
    void everythingAtOnceIsTheSameForTheSameSeedEpochAndRecordAndDiffersOtherwise() throws Exception {
        ImageSpec spec = everything();
        float[] first = decode(spec, new RecordContext(9, 2, 5));
        assertArrayEquals(first, decode(spec, new RecordContext(9, 2, 5)), "same (seed, epoch, record)");
        assertFalse(java.util.Arrays.equals(first, decode(spec, new RecordContext(9, 3, 5))), "next epoch");
        assertFalse(java.util.Arrays.equals(first, decode(spec, new RecordContext(9, 2, 6))), "other record");
        assertFalse(java.util.Arrays.equals(first, decode(spec, new RecordContext(10, 2, 5))), "other seed");
    }

    @Test
    void aValidationContextOrNoneDecodesTheImageAsItIs() throws Exception {
        ImageSpec spec = everything();
        float[] plain = new ImageDecoder(spec).decode(ImageSource.of(new Mat(IMAGE)));
        assertArrayEquals(plain, decode(spec, new RecordContext(9, 2, 5, false)));
        assertArrayEquals(plain, decode(spec, null));
        ImageSpec noAugmentation = ImageSpec.builder(24, 32).build();
        assertArrayEquals(plain, new ImageDecoder(noAugmentation).decode(ImageSource.of(new Mat(IMAGE))),
                "the attributes change nothing outside training");
        assertFalse(java.util.Arrays.equals(plain, decode(spec, new RecordContext(9, 2, 5, true))));
    }

    @Test
    void theSpecChecksItsRanges() {
        assertThrows(IllegalArgumentException.class, () -> ImageSpec.builder(2, 2).flipHorizontal(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> ImageSpec.builder(2, 2).rotateDegrees(-1).build());
        assertThrows(IllegalArgumentException.class, () -> ImageSpec.builder(2, 2).rotateDegrees(181).build());
        assertThrows(IllegalArgumentException.class, () -> ImageSpec.builder(2, 2).cropScale(0).build());
        assertThrows(IllegalArgumentException.class, () -> ImageSpec.builder(2, 2).brightness(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> ImageSpec.builder(2, 2).contrast(2).build());
        assertFalse(ImageSpec.builder(2, 2).build().augments());
        assertTrue(ImageSpec.builder(2, 2).cropScale(0.9).build().augments());
        assertEquals(ImageSpec.builder(2, 2).contrast(0.1).build(), ImageSpec.builder(2, 2).contrast(0.1).build());
    }

    private static ImageSpec everything() {
        return ImageSpec.builder(24, 32).flipHorizontal(0.5).rotateDegrees(15).cropScale(0.7).brightness(0.2)
                .contrast(0.2).build();
    }
}
