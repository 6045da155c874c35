package io.dataseq.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.annotation.Image;
import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.Interpolation;
import org.junit.jupiter.api.Test;

/** The spec's defaults are the annotation's, and every bad value is refused with a message that names it. */
class ImageSpecTest {

    private static Object defaultOf(String attribute) throws NoSuchMethodException {
        return Image.class.getMethod(attribute).getDefaultValue();
    }

    @Test
    void defaultsAreTheAnnotations() throws NoSuchMethodException {
        ImageSpec spec = ImageSpec.builder(28, 32).build();
        assertEquals(defaultOf("channels"), spec.channels());
        assertEquals(defaultOf("interpolation"), spec.interpolation());
        assertEquals(defaultOf("maxPixels"), spec.maxPixels());
        assertEquals(defaultOf("reducedDecode"), spec.reducedDecode());
        assertEquals(defaultOf("corruptJpeg"), spec.corruptJpeg());
        assertEquals(0, ((double[]) defaultOf("mean")).length);
        assertEquals(0, ((double[]) defaultOf("std")).length);
        for (int c = 0; c < 3; c++) {
            assertEquals(0f, spec.mean(c));
            assertEquals(1f, spec.std(c));
        }
        assertArrayEquals(new int[] {3, 28, 32}, spec.shape());
        assertEquals(3 * 28 * 32, spec.length());
    }

    @Test
    void theShapeIsChannelsHeightWidth() {
        assertArrayEquals(new int[] {1, 28, 28}, ImageSpec.builder(28, 28).channels(Channels.GRAY).build().shape());
        assertArrayEquals(new int[] {3, 10, 20}, ImageSpec.builder(10, 20).channels(Channels.BGR).build().shape());
    }

    @Test
    void oneMeanOrStdAppliesToEveryChannel() {
        ImageSpec spec = ImageSpec.builder(8, 8).mean(0.5).std(0.25).build();
        for (int c = 0; c < 3; c++) {
            assertEquals(0.5f, spec.mean(c));
            assertEquals(0.25f, spec.std(c));
            assertEquals((255 / 255f - 0.5f) / 0.25f, spec.normalise(c, 255), 1e-6f);
            assertEquals((0 - 0.5f) / 0.25f, spec.normalise(c, 0), 1e-6f);
        }
    }

    @Test
    void refusesBadValuesNamingThem() {
        assertMessage("an image needs a height and width of at least 1, not 0x5", () -> ImageSpec.builder(0, 5));
        assertMessage("an image needs a height and width of at least 1, not 5x-1", () -> ImageSpec.builder(5, -1));
        assertMessage("an image of 3x50000x50000 has more than 2^31 - 1 values",
                () -> ImageSpec.builder(50_000, 50_000));
        assertMessage("mean [0.1, 0.2] has 2 values for 3 channels (RGB); give 1 or 3",
                () -> ImageSpec.builder(8, 8).mean(0.1, 0.2));
        assertMessage("std [0.1, 0.2, 0.3] has 3 values for 1 channels (GRAY); give 1 or 1",
                () -> ImageSpec.builder(8, 8).channels(Channels.GRAY).std(0.1, 0.2, 0.3));
        assertMessage("std [0.0] must be positive and finite", () -> ImageSpec.builder(8, 8).std(0));
        assertMessage("std [-1.0] must be positive and finite", () -> ImageSpec.builder(8, 8).std(-1));
        assertMessage("mean [NaN] must be finite", () -> ImageSpec.builder(8, 8).mean(Double.NaN));
        assertMessage("maxPixels must be at least 1, not 0", () -> ImageSpec.builder(8, 8).maxPixels(0));
    }

    @Test
    void isAValue() {
        ImageSpec a = ImageSpec.builder(8, 9).interpolation(Interpolation.CUBIC).mean(0.1).build();
        ImageSpec b = ImageSpec.builder(8, 9).interpolation(Interpolation.CUBIC).mean(0.1, 0.1, 0.1).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, ImageSpec.builder(8, 9).build());
        assertNotEquals(a, ImageSpec.builder(8, 9).interpolation(Interpolation.CUBIC).mean(0.1).reducedDecode(false)
                .build());
        assertEquals("@Image(height = 8, width = 9, channels = RGB, interpolation = CUBIC, mean = [0.1, 0.1, 0.1], "
                + "std = [1.0, 1.0, 1.0], maxPixels = 100000000, reducedDecode = true)", a.toString());
        ImageSpec failing = ImageSpec.builder(8, 9).interpolation(Interpolation.CUBIC).mean(0.1)
                .corruptJpeg(Image.CorruptJpeg.FAIL).build();
        assertNotEquals(a, failing);
        assertTrue(failing.toString().endsWith("reducedDecode = true, corruptJpeg = FAIL)"), failing.toString());
    }

    @Test
    void theBuilderCopiesItsArrays() {
        double[] mean = {0.1, 0.2, 0.3};
        ImageSpec.Builder builder = ImageSpec.builder(4, 4).mean(mean);
        mean[0] = 99;
        assertEquals(0.1f, builder.build().mean(0));
    }

    private static void assertMessage(String expected, java.util.function.Supplier<ImageSpec.Builder> builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.get().build());
        assertEquals(expected, e.getMessage());
    }
}
