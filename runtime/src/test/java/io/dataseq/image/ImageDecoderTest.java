package io.dataseq.image;

import static io.dataseq.image.TestImages.maxDifference;
import static io.dataseq.image.TestImages.reference;
import static io.dataseq.image.TestImages.texture;
import static io.dataseq.image.TestImages.write;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.Interpolation;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decoder against OpenCV's own imread, cvtColor and resize of the same files, and its layout and buffers. */
class ImageDecoderTest {
    /** Float rounding only: the decoder scales with one multiply-add, the reference with a divide and subtract. */
    private static final float EXACT = 1e-5f;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".jpg", ".png", ".bmp"})
    void grayFilesMatchOpenCvsGrayscaleReadAndResize(String extension) throws Exception {
        Path file = write(dir, "gray" + extension, texture(96, 128, 1, 1));
        // reducedDecode off: OpenCV's full decode is the reference (ReducedDecodeTest compares the two)
        ImageSpec spec = ImageSpec.builder(40, 50).channels(Channels.GRAY).reducedDecode(false).build();
        float[] decoded = new ImageDecoder(spec).decode(ImageSource.of(file));
        assertTrue(maxDifference(reference(file, spec), decoded) <= EXACT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".jpg", ".png", ".bmp"})
    void colourFilesMatchOpenCvsReadColourConversionAndResize(String extension) throws Exception {
        Path file = write(dir, "colour" + extension, texture(96, 128, 3, 2));
        for (Channels channels : List.of(Channels.RGB, Channels.BGR, Channels.GRAY)) {
            ImageSpec spec = ImageSpec.builder(40, 50).channels(channels).reducedDecode(false).build();
            float[] decoded = new ImageDecoder(spec).decode(ImageSource.of(file));
            assertTrue(maxDifference(reference(file, spec), decoded) <= EXACT, channels + " " + extension);
        }
    }

    @Test
    void aColourFileDecodedAsGrayIsItsLuminance() throws Exception {
        Path file = write(dir, "colour.png", texture(30, 20, 3, 3));
        ImageSpec spec = ImageSpec.builder(30, 20).channels(Channels.GRAY).build();
        float[] decoded = new ImageDecoder(spec).decode(ImageSource.of(file));
        Mat gray = new Mat();
        cvtColor(texture(30, 20, 3, 3), gray, COLOR_BGR2GRAY);
        // libpng's own RGB-to-gray rounds differently from cvtColor: one level at most
        assertTrue(maxDifference(TestImages.scaled(TestImages.pixels(gray), spec), decoded) <= 1 / 255f + EXACT);
    }

    @Test
    void theBundledMnistDigitsMatchOpenCv() throws Exception {
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(28, 28).channels(Channels.GRAY).build());
        for (Path file : TestImages.mnist(40)) {
            float[] decoded = decoder.decode(ImageSource.of(file));
            assertTrue(maxDifference(reference(file, decoder.spec()), decoded) <= EXACT, file.toString());
        }
        // and as three channels, resized up, normalised
        ImageSpec rgb = ImageSpec.builder(32, 32).interpolation(Interpolation.LINEAR).mean(0.5).std(0.25).build();
        for (Path file : TestImages.mnist(10)) {
            float[] decoded = new ImageDecoder(rgb).decode(ImageSource.of(file));
            assertTrue(maxDifference(reference(file, rgb), decoded) <= EXACT, file.toString());
        }
    }

    @Test
    void writesChannelsFirstInTheDeclaredOrder() throws Exception {
        // R grows with x, G with y, B is constant: every value says which channel, row and column it is.
        int height = 4;
        int width = 6;
        byte[] bgr = new byte[height * width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                bgr[i] = 7;
                bgr[i + 1] = (byte) (20 * y);
                bgr[i + 2] = (byte) (10 * x);
            }
        }
        Path file = write(dir, "channels.png", TestImages.mat(height, width, 3, bgr));
        float[] rgb = new ImageDecoder(ImageSpec.builder(height, width).std(1.0 / 255).build())
                .decode(ImageSource.of(file));
        float[] bgrOrder = new ImageDecoder(ImageSpec.builder(height, width).channels(Channels.BGR).std(1.0 / 255)
                .build()).decode(ImageSource.of(file));
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * width + x;
                String where = "y=" + y + ", x=" + x;
                assertEquals(10 * x, rgb[at], EXACT * 255, "R " + where);
                assertEquals(20 * y, rgb[plane + at], EXACT * 255, "G " + where);
                assertEquals(7, rgb[2 * plane + at], EXACT * 255, "B " + where);
                assertEquals(7, bgrOrder[at], EXACT * 255, "B first " + where);
                assertEquals(20 * y, bgrOrder[plane + at], EXACT * 255, "G " + where);
                assertEquals(10 * x, bgrOrder[2 * plane + at], EXACT * 255, "R last " + where);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Interpolation.class)
    void resizesWithTheDeclaredInterpolation(Interpolation interpolation) throws Exception {
        Path file = write(dir, "resize.png", texture(90, 70, 3, 4));
        for (int[] size : new int[][] {{30, 25}, {150, 110}}) {
            ImageSpec spec = ImageSpec.builder(size[0], size[1]).interpolation(interpolation).build();
            float[] decoded = new ImageDecoder(spec).decode(ImageSource.of(file));
            assertTrue(maxDifference(reference(file, spec), decoded) <= EXACT, interpolation + " " + size[0]);
        }
    }

    @Test
    void theInterpolationsGiveDifferentImages() throws Exception {
        Path file = write(dir, "resize.png", texture(90, 70, 3, 4));
        List<float[]> outputs = new ArrayList<>();
        for (Interpolation interpolation : Interpolation.values()) {
            outputs.add(new ImageDecoder(ImageSpec.builder(30, 25).interpolation(interpolation).build())
                    .decode(ImageSource.of(file)));
        }
        for (int i = 0; i < outputs.size(); i++) {
            for (int j = i + 1; j < outputs.size(); j++) {
                assertTrue(maxDifference(outputs.get(i), outputs.get(j)) > 0.01f,
                        Interpolation.values()[i] + " vs " + Interpolation.values()[j]);
            }
        }
    }

    @Test
    void normalisesEachChannelWithItsMeanAndStd() throws Exception {
        Path file = write(dir, "norm.png", texture(20, 30, 3, 5));
        ImageSpec spec = ImageSpec.builder(20, 30).mean(0.485, 0.456, 0.406).std(0.229, 0.224, 0.225).build();
        float[] decoded = new ImageDecoder(spec).decode(ImageSource.of(file));
        assertTrue(maxDifference(reference(file, spec), decoded) <= EXACT);
        float[] unit = new ImageDecoder(ImageSpec.builder(20, 30).build()).decode(ImageSource.of(file));
        int plane = 20 * 30;
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        for (int i = 0; i < decoded.length; i++) {
            int c = i / plane;
            assertEquals((unit[i] - mean[c]) / std[c], decoded[i], EXACT * 4, "value " + i);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float value : unit) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        assertTrue(min >= 0 && max <= 1 && max - min > 0.5f, "scaled to [0, 1] by default: " + min + ".." + max);
    }

    @Test
    void pathsFilesStringsAndBytesDecodeAlike() throws Exception {
        Path file = write(dir, "same.jpg", texture(50, 60, 3, 6));
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(25, 30).build());
        float[] fromPath = decoder.decode(ImageSource.of(file));
        assertArrayEquals(fromPath, decoder.decode(ImageSource.of(file.toFile())));
        assertArrayEquals(fromPath, decoder.decode(ImageSource.of(file.toString())));
        assertArrayEquals(fromPath, decoder.decode(ImageSource.of(Files.readAllBytes(file))));
    }

    @Test
    void ofReturnsNullForNullSoThatTheBindingCanNameTheMethod() throws Exception {
        assertEquals(null, ImageSource.of((Path) null));
        assertEquals(null, ImageSource.of((File) null));
        assertEquals(null, ImageSource.of((String) null));
        assertEquals(null, ImageSource.of((byte[]) null));
        assertEquals(null, ImageSource.of((Mat) null));
    }

    @Test
    void aReturnedMatIsConvertedResizedAndReleased() throws Exception {
        Mat bgr = texture(60, 80, 3, 7);
        Mat copy = bgr.clone();
        for (Channels channels : Channels.values()) {
            ImageSpec spec = ImageSpec.builder(30, 40).channels(channels).build();
            Mat given = bgr.clone();
            float[] decoded = new ImageDecoder(spec).decode(ImageSource.of(given));
            assertTrue(given.isNull(), "the decoder releases the Mat it is given");
            Mat expected = copy;
            if (channels == Channels.GRAY) {
                expected = new Mat();
                cvtColor(copy, expected, COLOR_BGR2GRAY);
            }
            assertTrue(maxDifference(reference(expected, spec), decoded) <= EXACT, channels.toString());
        }
    }

    @Test
    void aMatWithAlphaOrOneChannelIsConverted() throws Exception {
        Mat bgr = texture(16, 16, 3, 8);
        Mat bgra = new Mat();
        cvtColor(bgr, bgra, COLOR_BGR2BGRA);
        ImageSpec rgb = ImageSpec.builder(16, 16).build();
        float[] fromBgra = new ImageDecoder(rgb).decode(ImageSource.of(bgra));
        assertTrue(maxDifference(reference(bgr, rgb), fromBgra) <= EXACT, "BGRA drops its alpha");

        Mat gray = texture(16, 16, 1, 9);
        float[] colour = new ImageDecoder(rgb).decode(ImageSource.of(gray.clone()));
        float[] single = new ImageDecoder(ImageSpec.builder(16, 16).channels(Channels.GRAY).build())
                .decode(ImageSource.of(gray));
        int plane = 16 * 16;
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(single, Arrays.copyOfRange(colour, c * plane, (c + 1) * plane), "channel " + c);
        }
    }

    @Test
    void aMatKeptElsewhereSurvivesThroughANewHeader() throws Exception {
        Mat kept = texture(20, 20, 3, 10);
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(10, 10).build());
        float[] first = decoder.decode(ImageSource.of(new Mat(kept)));
        float[] second = decoder.decode(ImageSource.of(new Mat(kept)));
        assertFalse(kept.isNull());
        assertArrayEquals(first, second);
        assertTrue(maxDifference(reference(kept, decoder.spec()), first) <= EXACT);
    }

    @Test
    void aMatThatIsNotEightBitIsRefusedAndStillReleased() throws Exception {
        Mat floats = new Mat(8, 8, CV_32FC3);
        ImageDecodeException e = assertThrows(ImageDecodeException.class,
                () -> new ImageDecoder(ImageSpec.builder(8, 8).build()).decode(ImageSource.of(floats)));
        assertTrue(e.getMessage().startsWith("the Mat has depth 5"), e.getMessage());
        assertTrue(floats.isNull());
        Mat released = new Mat(8, 8, CV_32FC3);
        released.close();
        e = assertThrows(ImageDecodeException.class,
                () -> new ImageDecoder(ImageSpec.builder(8, 8).build()).decode(ImageSource.of(released)));
        assertTrue(e.getMessage().contains("already released"), e.getMessage());
        e = assertThrows(ImageDecodeException.class,
                () -> new ImageDecoder(ImageSpec.builder(8, 8).build()).decode(ImageSource.of(new Mat())));
        assertEquals("the Mat is empty", e.getMessage());
    }

    @Test
    void writesOnlyItsOwnValuesAtTheOffsetOfADirectBuffer() throws Exception {
        Path file = write(dir, "offset.jpg", texture(24, 24, 3, 11));
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(12, 12).build());
        int length = decoder.spec().length();
        float[] expected = decoder.decode(ImageSource.of(file));
        FloatBuffer batch = ByteBuffer.allocateDirect(Float.BYTES * (3 * length + 5)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        for (int i = 0; i < batch.capacity(); i++) {
            batch.put(i, -7f);
        }
        int offset = length + 3;
        decoder.decode(ImageSource.of(file), batch, offset);
        for (int i = 0; i < batch.capacity(); i++) {
            boolean mine = i >= offset && i < offset + length;
            assertEquals(mine ? expected[i - offset] : -7f, batch.get(i), "index " + i);
        }
        assertEquals(0, batch.position(), "absolute writes only");
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(ImageSource.of(file), batch,
                2 * length + 6));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(ImageSource.of(file), batch, -1));
        FloatBuffer limited = batch.duplicate().limit(length + 1);
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(ImageSource.of(file), limited, 2),
                "OpenCV must not write past the limit");
        assertThrows(ReadOnlyBufferException.class,
                () -> decoder.decode(ImageSource.of(file), batch.asReadOnlyBuffer(), 0));
    }

    @Test
    void heapAndForeignOrderBuffersGetTheSameValues() throws Exception {
        Path file = write(dir, "heap.png", texture(24, 24, 3, 12));
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(12, 12).build());
        float[] expected = decoder.decode(ImageSource.of(file));
        ByteOrder foreign = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN;
        FloatBuffer swapped = ByteBuffer.allocateDirect(Float.BYTES * (expected.length + 2)).order(foreign)
                .asFloatBuffer();
        decoder.decode(ImageSource.of(file), swapped, 2);
        float[] read = new float[expected.length];
        swapped.get(2, read);
        assertArrayEquals(expected, read);
    }

    @Test
    void threadsDecodingAtOnceGetWhatOneThreadGets() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // different sizes, so that each thread's working images are reallocated and reused
            files.add(write(dir, "t" + i + (i % 2 == 0 ? ".jpg" : ".png"), texture(40 + 9 * i, 60 - 2 * i, 3, i)));
        }
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(32, 32).mean(0.5).build());
        List<float[]> expected = new ArrayList<>();
        for (Path file : files) {
            expected.add(decoder.decode(ImageSource.of(file)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int start = t;
                results.add(threads.submit(() -> {
                    for (int round = 0; round < 25; round++) {
                        int i = (start * 5 + round) % files.size();
                        if (!Arrays.equals(expected.get(i), decoder.decode(ImageSource.of(files.get(i))))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
