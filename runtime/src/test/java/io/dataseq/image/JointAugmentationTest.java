package io.dataseq.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordContext;
import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.Interpolation;
import io.dataseq.testing.Scenes;
import io.dataseq.testing.SeededCases;
import io.dataseq.timing.StageClock;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An image and its mask augmented together, with real OpenCV: the crop, rotation and mirror are drawn once per
 * record and applied to both (the mask without blending), brightness and contrast to the image alone. The mask is
 * derived from the image's pixels ({@link Scenes}), so after augmentation it must still mark the pixels of the
 * image that are bright.
 */
class JointAugmentationTest {
    private static final int HEIGHT = 24;
    private static final int WIDTH = 32;
    private static final int PLANE = HEIGHT * WIDTH;
    private static final ImageSpec MASK = ImageSpec.builder(HEIGHT, WIDTH).channels(Channels.GRAY)
            .interpolation(Interpolation.NEAREST).std(1.0 / 255).flipHorizontal(0.5).rotateDegrees(25).cropScale(0.7)
            .build();

    private static ImageSpec image(Interpolation interpolation) {
        return ImageSpec.builder(HEIGHT, WIDTH).interpolation(interpolation).flipHorizontal(0.5).rotateDegrees(25)
                .cropScale(0.7).brightness(0.1).contrast(0.2).build();
    }

    /** {@code png} decoded as {@code spec} says, augmented for {@code context} (null: not augmented). */
    private static float[] decode(ImageSpec spec, byte[] png, RecordContext context) {
        float[] values = new float[spec.length()];
        try {
            new ImageDecoder(spec).decode(ImageSource.of(png), context, FloatBuffer.wrap(values), 0);
        } catch (ImageDecodeException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** Scene {@code record}'s image and mask as PNG files' bytes. */
    private static byte[][] scene(int record) {
        byte[] pixels = Scenes.image(record);
        return new byte[][] {Scenes.png(pixels, 3), Scenes.png(Scenes.maskOf(pixels), 1)};
    }

    @Test
    void aMaskDerivedFromItsImageStillMarksTheSamePixelsAfterAugmentation() {
        AtomicInteger moved = new AtomicInteger();
        SeededCases.check("dataseq.joint.case", 40, record -> record, (number, record) -> {
            byte[][] scene = scene(record);
            RecordContext context = new RecordContext(7, 3, record);
            float[] image = decode(image(Interpolation.NEAREST), scene[0], context.forOutput("image"));
            float[] mask = decode(MASK, scene[1], context.forOutput("mask"));
            for (float value : mask) {
                assertTrue(value == 0 || value == 1, "a class, never a blend: " + value);
            }
            assertArrayEquals(new int[0], Scenes.disagreements(image, 0, mask, 0, PLANE), "aligned");
            float[] plainMask = decode(MASK, scene[1], null);
            if (!Arrays.equals(plainMask, mask)) {
                moved.incrementAndGet();
            }
            assertFalse(Arrays.equals(decode(image(Interpolation.NEAREST), scene[0], null), image), "augmented");
        });
        assertTrue(moved.get() >= 35, moved + " of 40 masks changed by their augmentation");
    }

    @Test
    void withABlendingImageInterpolationTheyDisagreeOnlyAtTheEdgesOfTheMaskOrOfTheFrame() {
        SeededCases.check("dataseq.joint.blend.case", 20, record -> record, (number, record) -> {
            byte[][] scene = scene(record);
            RecordContext context = new RecordContext(8, 0, record);
            float[] image = decode(image(Interpolation.AREA), scene[0], context.forOutput("image"));
            float[] mask = decode(MASK, scene[1], context.forOutput("mask"));
            int[] disagreements = Scenes.disagreements(image, 0, mask, 0, PLANE);
            assertTrue(disagreements.length < PLANE / 10, disagreements.length + " of " + PLANE);
            for (int pixel : disagreements) {
                assertTrue(nearAnEdge(mask, pixel, 2), "pixel " + pixel + " is more than 2 pixels from an edge");
            }
        });
    }

    /**
     * Whether a pixel of another class, or the frame's border (where the rotation reflects the image, filtered as
     * each declares), is within {@code distance} pixels of {@code pixel}.
     */
    private static boolean nearAnEdge(float[] mask, int pixel, int distance) {
        int y = pixel / WIDTH;
        int x = pixel % WIDTH;
        for (int dy = -distance; dy <= distance; dy++) {
            for (int dx = -distance; dx <= distance; dx++) {
                int ny = y + dy;
                int nx = x + dx;
                if (ny < 0 || ny >= HEIGHT || nx < 0 || nx >= WIDTH || mask[ny * WIDTH + nx] != mask[pixel]) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void storedPixelsAreAugmentedTogetherByTheSameCode() throws Exception {
        for (int record = 0; record < 10; record++) {
            byte[][] scene = scene(record);
            RecordContext context = new RecordContext(9, 1, record);
            float[] image = fromStoredPixels(image(Interpolation.NEAREST), scene[0], context.forOutput("image"));
            float[] mask = fromStoredPixels(MASK, scene[1], context.forOutput("mask"));
            assertArrayEquals(new int[0], Scenes.disagreements(image, 0, mask, 0, PLANE), "record " + record);
        }
    }

    private static float[] fromStoredPixels(ImageSpec spec, byte[] png, RecordContext context) throws Exception {
        ImageDecoder decoder = new ImageDecoder(spec);
        ByteBuffer kept = ByteBuffer.allocateDirect(decoder.pixelBytes());
        decoder.decodePixels(ImageSource.of(png), kept, 0, StageClock.OFF);
        float[] values = new float[spec.length()];
        decoder.assemblePixels(kept, 0, context, FloatBuffer.wrap(values), 0, StageClock.OFF);
        return values;
    }

    @Test
    void theGeometryIsTheRecordsWhateverElseEachSpecDeclaresAndTheLevelsAreEachOutputs() {
        ImageSpec flipOnly = ImageSpec.builder(HEIGHT, WIDTH).flipHorizontal(0.5).build();
        ImageSpec everything = image(Interpolation.AREA);
        for (int record = 0; record < 50; record++) {
            RecordContext context = new RecordContext(3, 2, record);
            Augmentation first = drawn(everything, context.forOutput("image"));
            Augmentation mask = drawn(MASK, context.forOutput("mask"));
            Augmentation other = drawn(everything, context.forOutput("second"));
            assertEquals(first.cropFraction(), mask.cropFraction());
            assertEquals(first.cropX(), mask.cropX());
            assertEquals(first.cropY(), mask.cropY());
            assertEquals(first.angle(), mask.angle());
            assertEquals(first.flip(), mask.flip());
            assertEquals(first.flip(), drawn(flipOnly, context.forOutput("flipped")).flip(), "flip alone");
            assertEquals(1, mask.contrast(), "no levels where none are declared");
            assertEquals(0, mask.brightness());
            assertNotEquals(first.contrast(), other.contrast(), "each output's own levels");
            assertEquals(first.angle(), other.angle());
        }
    }

    /** What the decoder draws for {@code context}. */
    private static Augmentation drawn(ImageSpec spec, RecordContext context) {
        return Augmentation.draw(spec, context.recordRandom().split(), context.random());
    }
}
