package io.dataseq.image;

import static io.dataseq.image.TestImages.maxDifference;
import static io.dataseq.image.TestImages.meanDifference;
import static io.dataseq.image.TestImages.reference;
import static io.dataseq.image.TestImages.texture;
import static io.dataseq.image.TestImages.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.Interpolation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JPEGs decoded at 1/2, 1/4 or 1/8 scale: when, and how close to a full decode. */
class ReducedDecodeTest {
    @TempDir
    Path dir;

    private static int scale(ImageSpec spec, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new ImageDecoder(spec).reducedScale(ImageHeader.read(ByteBuffer.wrap(bytes), bytes.length));
    }

    @Test
    void picksTheLargestReductionThatStillCoversTheDeclaredSize() throws Exception {
        Path jpeg = write(dir, "square.jpg", texture(256, 256, 3, 1));
        assertEquals(8, scale(ImageSpec.builder(16, 16).build(), jpeg));
        assertEquals(8, scale(ImageSpec.builder(32, 32).build(), jpeg));
        assertEquals(4, scale(ImageSpec.builder(64, 64).build(), jpeg));
        assertEquals(4, scale(ImageSpec.builder(33, 64).build(), jpeg));
        assertEquals(2, scale(ImageSpec.builder(128, 65).build(), jpeg));
        assertEquals(1, scale(ImageSpec.builder(129, 64).build(), jpeg), "less than half in one dimension");
        assertEquals(1, scale(ImageSpec.builder(256, 256).build(), jpeg));
        assertEquals(1, scale(ImageSpec.builder(512, 512).build(), jpeg));

        Path wide = write(dir, "wide.jpg", texture(100, 400, 3, 2));
        assertEquals(2, scale(ImageSpec.builder(50, 50).build(), wide), "limited by the height");
    }

    @Test
    void isNeverUsedWhenOffWithNearestOrForOtherFormats() throws Exception {
        Path jpeg = write(dir, "a.jpg", texture(256, 256, 3, 3));
        Path png = write(dir, "a.png", texture(256, 256, 3, 3));
        assertEquals(1, scale(ImageSpec.builder(64, 64).reducedDecode(false).build(), jpeg));
        assertEquals(1, scale(ImageSpec.builder(64, 64).interpolation(Interpolation.NEAREST).build(), jpeg),
                "NEAREST promises pixels taken from the file, not averaged by the DCT");
        assertEquals(1, scale(ImageSpec.builder(64, 64).build(), png), "OpenCV would decode fully and resize");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Channels.class)
    void givesTheDeclaredSizeAndValuesCloseToAFullDecode(Channels channels) throws Exception {
        Path file = write(dir, "photo.jpg", TestImages.photo(256, 256, 4));
        // {size, mean, max}: 1/2, 1/4, 1/8 land on the size (two levels of 255 at most); 50 is resized on from
        // 64, whose filter differs from one resize from 256
        for (double[] limits : new double[][] {{128, 0.003, 0.01}, {64, 0.003, 0.01}, {32, 0.003, 0.01},
            {50, 0.02, 0.06}}) {
            int size = (int) limits[0];
            ImageSpec reduced = ImageSpec.builder(size, size).channels(channels).build();
            ImageSpec full = ImageSpec.builder(size, size).channels(channels).reducedDecode(false).build();
            float[] fast = new ImageDecoder(reduced).decode(ImageSource.of(file));
            float[] exact = new ImageDecoder(full).decode(ImageSource.of(file));
            assertEquals(reduced.length(), fast.length);
            assertTrue(maxDifference(reference(file, full), exact) <= 1e-5f, "the full decode is OpenCV's");
            double mean = meanDifference(exact, fast);
            float max = maxDifference(exact, fast);
            String what = channels + " " + size + ": mean " + mean + ", max " + max;
            assertTrue(mean < limits[1] && max < limits[2], what);
        }
    }

    @Test
    void colourDetailFinerThanTheChromaSubsamplingIsSofter() throws Exception {
        // Every channel its own noise: the worst case. A 4:2:0 JPEG keeps colour at half its resolution; decoded at
        // 1/2 scale, colour is at a quarter, half the declared 128, where a full decode and resize keep it whole.
        Path file = write(dir, "noise.jpg", texture(256, 256, 3, 4));
        ImageSpec full = ImageSpec.builder(128, 128).reducedDecode(false).build();
        float[] exact = new ImageDecoder(full).decode(ImageSource.of(file));
        float[] fast = new ImageDecoder(ImageSpec.builder(128, 128).build()).decode(ImageSource.of(file));
        double mean = meanDifference(exact, fast);
        assertTrue(mean > 0.01 && mean < 0.04 && maxDifference(exact, fast) < 0.15, "mean " + mean);
        ImageSpec gray = ImageSpec.builder(128, 128).channels(Channels.GRAY).build();
        assertTrue(meanDifference(new ImageDecoder(ImageSpec.builder(128, 128).channels(Channels.GRAY)
                .reducedDecode(false).build()).decode(ImageSource.of(file)),
                new ImageDecoder(gray).decode(ImageSource.of(file))) < 0.003, "brightness keeps its detail");
    }

    @Test
    void followsTheExifOrientationWhenChoosingTheScale() throws Exception {
        // stored 200 wide, 100 high; orientation 6 turns it to 100 wide, 200 high, as OpenCV decodes it
        Mat stored = texture(100, 200, 3, 5);
        byte[] jpeg = withExifOrientation(TestImages.encode(stored, ".jpg"), 6);
        Path file = dir.resolve("turned.jpg");
        Files.write(file, jpeg);
        ImageHeader header = ImageHeader.read(ByteBuffer.wrap(jpeg), jpeg.length);
        assertEquals(200, header.width());
        assertEquals(100, header.height());
        assertTrue(header.transposed());

        ImageSpec spec = ImageSpec.builder(50, 25).build();
        assertEquals(4, scale(spec, file), "a 100x200 image covers 25x50 four times over");
        ImageSpec full = ImageSpec.builder(50, 25).reducedDecode(false).build();
        float[] exact = new ImageDecoder(full).decode(ImageSource.of(file));
        assertTrue(maxDifference(reference(file, full), exact) <= 1e-5f, "OpenCV turns it; so does the decoder");
        float[] fast = new ImageDecoder(spec).decode(ImageSource.of(file));
        assertTrue(meanDifference(exact, fast) < 0.02, "mean " + meanDifference(exact, fast));
    }

    @Test
    void decodesExactlyAsOpenCvWhenNoReductionApplies() throws Exception {
        Path file = write(dir, "small.jpg", texture(60, 80, 3, 6));
        ImageSpec spec = ImageSpec.builder(40, 50).build(); // reducedDecode on, but 40x50 is more than half
        assertArrayEquals(new ImageDecoder(ImageSpec.builder(40, 50).reducedDecode(false).build())
                .decode(ImageSource.of(file)), new ImageDecoder(spec).decode(ImageSource.of(file)));
    }

    /** {@code jpeg} with an EXIF segment (big-endian TIFF) holding only an orientation, after its SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) throws IOException {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        DataOutputStream t = new DataOutputStream(tiff);
        t.writeBytes("MM");
        t.writeShort(42);
        t.writeInt(8); // IFD0 right after the header
        t.writeShort(1); // one entry
        t.writeShort(0x0112); // orientation
        t.writeShort(3); // SHORT
        t.writeInt(1);
        t.writeShort(orientation);
        t.writeShort(0);
        t.writeInt(0); // no next IFD
        byte[] exif = tiff.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.write(jpeg, 0, 2);
        o.writeShort(0xFFE1);
        o.writeShort(2 + 6 + exif.length);
        o.writeBytes("Exif");
        o.writeShort(0);
        o.write(exif);
        o.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
