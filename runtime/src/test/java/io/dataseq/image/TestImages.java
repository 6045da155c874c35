package io.dataseq.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.Interpolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Real image files for the tests, written by OpenCV, and the reference the decoder must match: OpenCV's own
 * {@code imread}, {@code cvtColor} and {@code resize}, then the scaling done in plain Java, pixel by pixel.
 */
final class TestImages {
    /** The MNIST digits bundled with the examples, from the runtime module's directory. */
    static final Path MNIST = Path.of("../examples/data/mnist-jpg");

    private TestImages() {}

    /**
     * A deterministic image with detail at several scales (so that interpolations differ) and different content in
     * every channel: smooth waves plus noise.
     */
    static Mat texture(int height, int width, int channels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[height * width * channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    double wave = Math.sin(x * (0.05 + 0.07 * c) + y * (0.11 - 0.03 * c) + c)
                            + 0.5 * Math.sin(x * 0.9 + y * 0.4 * (c + 1));
                    double value = 128 + 70 * wave + random.nextInt(-20, 21);
                    pixels[(y * width + x) * channels + c] = (byte) Math.max(0, Math.min(255, (int) value));
                }
            }
        }
        return mat(height, width, channels, pixels);
    }

    /**
     * A colour image shaped like a photograph's: the detail (edges, noise) is in the brightness, which all channels
     * share, and the colour varies smoothly, as JPEG's chroma subsampling expects.
     */
    static Mat photo(int height, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double phase = random.nextDouble(0, Math.PI);
        byte[] pixels = new byte[height * width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double luma = 128 + 50 * Math.sin(x * 0.15 + y * 0.05 + phase) + 25 * Math.sin(x * 0.9 + y * 0.4)
                        + (((x / 16) + (y / 16)) % 2 == 0 ? 20 : -20) + random.nextInt(-10, 11);
                for (int c = 0; c < 3; c++) {
                    double tint = 30 * Math.sin(Math.PI * (c + 1) * x / width + c) * Math.cos(Math.PI * y / height);
                    pixels[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) (luma + tint)));
                }
            }
        }
        return mat(height, width, 3, pixels);
    }

    /** A Mat of 8-bit pixels, interleaved. */
    static Mat mat(int height, int width, int channels, byte[] pixels) {
        Mat mat = new Mat(height, width, CV_8UC(channels));
        mat.data().put(pixels);
        return mat;
    }

    /** Writes {@code image} to {@code dir/name} with OpenCV (the extension picks the format). */
    static Path write(Path dir, String name, Mat image) {
        Path file = dir.resolve(name);
        assertTrue(imwrite(file.toString(), image), "imwrite " + file);
        return file;
    }

    /** The first {@code count} MNIST files, in a fixed order, across all digits. */
    static List<Path> mnist(int count) throws IOException {
        try (Stream<Path> files = Files.walk(MNIST)) {
            List<Path> all = files.filter(file -> file.toString().endsWith(".jpg")).sorted()
                    .collect(Collectors.toList());
            assertFalse(all.isEmpty(), "no MNIST JPEGs under " + MNIST.toAbsolutePath());
            // every 7th, so that all digits are there
            return Stream.iterate(0, i -> i + 7).limit(count).map(i -> all.get(i % all.size()))
                    .collect(Collectors.toList());
        }
    }

    /** What the decoder must produce for {@code file}: OpenCV's imread, cvtColor, resize, then scaled in Java. */
    static float[] reference(Path file, ImageSpec spec) {
        Mat image = imread(file.toString(), spec.channels() == Channels.GRAY ? IMREAD_GRAYSCALE : IMREAD_COLOR);
        assertFalse(image.empty(), "OpenCV reads " + file);
        return reference(image, spec);
    }

    /** What the decoder must produce for a decoded image (gray, or BGR). */
    static float[] reference(Mat decoded, ImageSpec spec) {
        Mat image = decoded;
        if (spec.channels() == Channels.RGB) {
            Mat rgb = new Mat();
            cvtColor(image, rgb, COLOR_BGR2RGB);
            image = rgb;
        }
        if (image.rows() != spec.height() || image.cols() != spec.width()) {
            Mat resized = new Mat();
            resize(image, resized, new Size(spec.width(), spec.height()), 0, 0, openCv(spec.interpolation()));
            image = resized;
        }
        return scaled(pixels(image), spec);
    }

    /** Interleaved 8-bit pixels, as channels-first values scaled as the spec says. */
    static float[] scaled(byte[] pixels, ImageSpec spec) {
        int channels = spec.channels().count();
        int plane = spec.height() * spec.width();
        assertEquals(plane * channels, pixels.length, "pixels");
        float[] values = new float[plane * channels];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < channels; c++) {
                int pixel = pixels[i * channels + c] & 0xFF;
                values[c * plane + i] = (pixel / 255f - spec.mean(c)) / spec.std(c);
            }
        }
        return values;
    }

    /** The pixels of a continuous 8-bit Mat. */
    static byte[] pixels(Mat image) {
        assertTrue(image.isContinuous());
        byte[] pixels = new byte[(int) (image.total() * image.channels())];
        image.data().get(pixels);
        return pixels;
    }

    /** The encoded bytes of {@code image} in the format of {@code extension} (".jpg", ".png", ...). */
    static byte[] encode(Mat image, String extension) {
        try (BytePointer buffer = new BytePointer()) {
            assertTrue(org.bytedeco.opencv.global.opencv_imgcodecs.imencode(extension, image, buffer));
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }

    static int openCv(Interpolation interpolation) {
        switch (interpolation) {
            case LINEAR:
                return INTER_LINEAR;
            case CUBIC:
                return INTER_CUBIC;
            case NEAREST:
                return INTER_NEAREST;
            default:
                return INTER_AREA;
        }
    }

    /** The largest difference between two arrays of the same length. */
    static float maxDifference(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        float max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }

    /** The mean absolute difference between two arrays of the same length. */
    static double meanDifference(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            sum += Math.abs(expected[i] - actual[i]);
        }
        return sum / expected.length;
    }

    /**
     * A TIFF as libtiff reads it, written by hand: {@code samples} 8-bit samples per pixel, every one {@code fill},
     * in one Deflate-compressed strip, in either byte order, as a classic TIFF or a BigTIFF. Deflate packs a
     * uniform image about a thousand to one, so a 16384 x 16384 gray image is a file of about 260 KB: the
     * decompression bomb {@code maxPixels} must stop. The pixels are compressed as they are made, never held.
     */
    static byte[] tiff(boolean little, boolean bigTiff, int width, int height, int samples, int fill) {
        java.io.ByteArrayOutputStream strip = new java.io.ByteArrayOutputStream();
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
        byte[] row = new byte[width * samples];
        java.util.Arrays.fill(row, (byte) fill);
        byte[] out = new byte[64 << 10];
        for (int y = 0; y < height; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                strip.write(out, 0, deflater.deflate(out));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            strip.write(out, 0, deflater.deflate(out));
        }
        deflater.end();
        byte[] data = strip.toByteArray();
        int header = bigTiff ? 16 : 8;
        int entryBytes = bigTiff ? 20 : 12;
        int[][] entries = { // tag, type (3 SHORT, 4 LONG, 16 LONG8), value; the strip's offset is the header's end
            {256, 4, width}, {257, 4, height}, {258, 3, 8}, {259, 3, 8}, {262, 3, samples >= 3 ? 2 : 1},
            {273, bigTiff ? 16 : 4, header}, {277, 3, samples}, {278, 4, height}, {279, bigTiff ? 16 : 4, data.length}};
        int directory = header + data.length + (data.length & 1);
        java.nio.ByteBuffer file = java.nio.ByteBuffer.allocate(directory + 16 + entries.length * entryBytes + 8)
                .order(little ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        file.put((byte) (little ? 'I' : 'M')).put((byte) (little ? 'I' : 'M'));
        if (bigTiff) {
            file.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(directory);
        } else {
            file.putShort((short) 42).putInt(directory);
        }
        file.put(data).position(directory);
        if (bigTiff) {
            file.putLong(entries.length);
        } else {
            file.putShort((short) entries.length);
        }
        for (int[] entry : entries) {
            file.putShort((short) entry[0]).putShort((short) entry[1]);
            if (bigTiff) {
                file.putLong(1);
            } else {
                file.putInt(1);
            }
            int valueBytes = bigTiff ? 8 : 4;
            int at = file.position();
            if (entry[1] == 3) {
                file.putShort((short) entry[2]);
            } else if (entry[1] == 4) {
                file.putInt(entry[2]);
            } else {
                file.putLong(entry[2]);
            }
            file.position(at + valueBytes);
        }
        if (bigTiff) {
            file.putLong(0);
        } else {
            file.putInt(0);
        }
        return java.util.Arrays.copyOf(file.array(), file.position());
    }
}
