package io.dataseq.image;

import static io.dataseq.image.TestImages.texture;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.image.ImageHeader.Format;
import io.dataseq.testing.SeededCases;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code maxPixels} holds for every format OpenCV decodes, told by content, never by the file's name: the size each
 * header declares is the size OpenCV decodes (real files written by OpenCV), a file declaring more than the limit is
 * refused undecoded (tiny files declaring huge images, among them a Deflate TIFF named {@code .jpg}), and a header
 * that is changed at random never lets OpenCV decode more pixels than it declared.
 */
class FormatHeadersTest {
    private static final long LIMIT = 1_000_000;
    private static final boolean DECODES_GIF = opencv_core.getVersionMajor() > 4
            || opencv_core.getVersionMinor() >= 11;

    @TempDir
    Path dir;

    /** A format as OpenCV writes it: the extension, its parameters, the channels and depth it takes. */
    private record Writer(String extension, Format format, int[] channels, boolean floats, int... parameters) {
        byte[] write(Mat image) {
            Mat pixels = image;
            if (floats) {
                pixels = new Mat();
                image.convertTo(pixels, CV_32F, 1 / 255.0, 0);
            }
            try (BytePointer buffer = new BytePointer(); IntPointer flags = new IntPointer(parameters())) {
                assertTrue(imencode(extension, pixels, buffer, flags), "imencode " + extension);
                byte[] bytes = new byte[(int) buffer.limit()];
                buffer.get(bytes);
                return bytes;
            }
        }

        @Override
        public String toString() {
            return extension + (parameters.length > 0 ? Arrays.toString(parameters) : "");
        }
    }

    private static final int[] GRAY = {1};
    private static final int[] COLOUR = {3};
    private static final int[] BOTH = {1, 3};

    private static List<Writer> writers() {
        List<Writer> writers = new ArrayList<>(List.of(
                new Writer(".tiff", Format.TIFF, BOTH, false),
                new Writer(".webp", Format.WEBP, COLOUR, false, IMWRITE_WEBP_QUALITY, 80), // lossy: VP8
                new Writer(".webp", Format.WEBP, COLOUR, false, IMWRITE_WEBP_QUALITY, 101), // lossless: VP8L
                new Writer(".webp", Format.WEBP, new int[] {4}, false, IMWRITE_WEBP_QUALITY, 80), // alpha: VP8X
                new Writer(".ppm", Format.PNM, COLOUR, false),
                new Writer(".pgm", Format.PNM, GRAY, false),
                new Writer(".pbm", Format.PNM, GRAY, false),
                new Writer(".pam", Format.PAM, BOTH, false),
                new Writer(".pfm", Format.PFM, BOTH, true),
                new Writer(".sr", Format.SUN_RASTER, BOTH, false),
                new Writer(".hdr", Format.RADIANCE_HDR, COLOUR, true),
                new Writer(".jp2", Format.JPEG_2000, BOTH, false),
                new Writer(".exr", Format.OPENEXR, BOTH, true),
                new Writer(".bmp", Format.BMP, BOTH, false),
                new Writer(".png", Format.PNG, BOTH, false),
                new Writer(".jpg", Format.JPEG, BOTH, false)));
        if (DECODES_GIF) {
            writers.add(new Writer(".gif", Format.GIF, COLOUR, false));
        }
        return writers;
    }

    private static ImageHeader header(byte[] bytes) {
        return ImageHeader.read(ByteBuffer.wrap(bytes), bytes.length);
    }

    /** What OpenCV itself decodes the bytes to, {width, height}, or null when it decodes nothing. */
    private static long[] openCvSize(byte[] bytes) {
        try (BytePointer data = new BytePointer(bytes); Mat encoded = new Mat(1, bytes.length, CV_8UC1, data);
                Mat decoded = imdecode(encoded, IMREAD_COLOR)) {
            return decoded.empty() ? null : new long[] {decoded.cols(), decoded.rows()};
        } catch (RuntimeException e) {
            return null; // OpenCV refused it with an exception of its own
        }
    }

    private record Written(Writer writer, int height, int width, int channels, long seed) {}

    @Test
    void everyFormatOpenCvWritesDeclaresTheSizeOpenCvDecodes() {
        List<Writer> writers = writers();
        SeededCases.check("formatHeaders.case", 3 * writers.size(), number -> {
            SplittableRandom random = new SplittableRandom(number);
            Writer writer = writers.get(number % writers.size());
            return new Written(writer, random.nextInt(1, 200), random.nextInt(1, 200),
                    writer.channels()[random.nextInt(writer.channels().length)], random.nextLong());
        }, (number, c) -> {
            byte[] bytes = c.writer().write(texture(c.height(), c.width(), c.channels(), c.seed()));
            ImageHeader header = header(bytes);
            assertEquals(c.writer().format(), header.format());
            assertNull(header.problem());
            assertEquals(c.width(), header.width(), "width");
            assertEquals(c.height(), header.height(), "height");
            assertEquals(Arrays.toString(new long[] {c.width(), c.height()}), Arrays.toString(openCvSize(bytes)),
                    "OpenCV's size");
            long pixels = (long) c.width() * c.height();
            try {
                new ImageDecoder(ImageSpec.builder(8, 8).maxPixels(pixels).build()).decode(ImageSource.of(bytes));
            } catch (ImageDecodeException e) {
                throw new AssertionError("at the limit: " + e.getMessage(), e);
            }
            if (pixels > 1) {
                ImageDecodeException e = assertThrows(ImageDecodeException.class,
                        () -> new ImageDecoder(ImageSpec.builder(8, 8).maxPixels(pixels - 1).build())
                                .decode(ImageSource.of(bytes)));
                assertTrue(e.getMessage().contains("more than the limit of " + (pixels - 1)), e.getMessage());
            }
        });
    }

    /**
     * The safety property itself, against damaged headers: whatever a few random bytes are changed to, a file whose
     * header passes (a size within the limit, no problem) never decodes to more pixels than that size. JPEG 2000 and
     * OpenEXR are left out: their decoders are the ones OpenCV keeps off because damaged files can crash them.
     */
    @Test
    void aDamagedHeaderThatPassesNeverDecodesToMorePixelsThanItDeclares() {
        List<Writer> writers = writers().stream()
                .filter(w -> w.format() != Format.JPEG_2000 && w.format() != Format.OPENEXR)
                .toList();
        List<byte[]> files = writers.stream()
                .map(w -> w.write(texture(20, 30, w.channels()[w.channels().length - 1], 7)))
                .toList();
        SeededCases.check("formatHeaders.damaged", 300, number -> {
            SplittableRandom random = new SplittableRandom(1000L + number);
            int which = random.nextInt(files.size());
            byte[] bytes = files.get(which).clone();
            int changes = random.nextInt(1, 4);
            StringBuilder what = new StringBuilder(writers.get(which).toString());
            for (int i = 0; i < changes; i++) {
                // the first bytes hold most headers; a TIFF written by OpenCV keeps its directory at the end
                int region = random.nextInt(3);
                int at = region == 0 ? random.nextInt(Math.min(64, bytes.length))
                        : region == 1 ? bytes.length - 1 - random.nextInt(Math.min(200, bytes.length))
                        : random.nextInt(bytes.length);
                bytes[at] = (byte) random.nextInt(256);
                what.append(" byte ").append(at).append('=').append(bytes[at] & 0xFF);
            }
            return new Damaged(what.toString(), bytes);
        }, (number, c) -> {
            byte[] bytes = c.bytes();
            ImageHeader header = header(bytes);
            if (header.problem() != null || header.pixels() > LIMIT) {
                return; // refused before decoding
            }
            assertTrue(header.hasSize(), "a header without a problem has a size");
            long[] decoded = openCvSize(bytes);
            if (decoded != null) {
                assertTrue(decoded[0] * decoded[1] <= header.pixels(), "OpenCV decoded " + decoded[0] + "x"
                        + decoded[1] + ", the header declares " + header.width() + "x" + header.height());
            }
        });
    }

    /** A file of a format with some bytes changed; says which. */
    private record Damaged(String what, byte[] bytes) {
        @Override
        public String toString() {
            return what;
        }
    }

    /** Tiny files that declare 20000 x 30000 (or more) pixels, each named .jpg whatever it holds. */
    static Stream<Arguments> bombs() throws IOException {
        List<Arguments> bombs = new ArrayList<>();
        for (boolean little : new boolean[] {true, false}) {
            for (boolean big : new boolean[] {false, true}) {
                // 4096 x 4096 of Deflate in a file of a few KB: the bomb, smaller
                bombs.add(Arguments.of((big ? "BigTIFF " : "TIFF ") + (little ? "II" : "MM"),
                        TestImages.tiff(little, big, 4096, 4096, 1, 0), 4096, 4096));
            }
        }
        byte[] lossy = new Writer(".webp", Format.WEBP, COLOUR, false, IMWRITE_WEBP_QUALITY, 80)
                .write(texture(20, 30, 3, 1));
        ByteBuffer.wrap(lossy).order(ByteOrder.LITTLE_ENDIAN).putShort(26, (short) 16383).putShort(28, (short) 16383);
        bombs.add(Arguments.of("WebP VP8", lossy, 16383, 16383));
        byte[] lossless = new Writer(".webp", Format.WEBP, COLOUR, false, IMWRITE_WEBP_QUALITY, 101)
                .write(texture(20, 30, 3, 1));
        ByteBuffer.wrap(lossless).order(ByteOrder.LITTLE_ENDIAN).putInt(21, 16383 | 16383 << 14);
        bombs.add(Arguments.of("WebP VP8L", lossless, 16384, 16384));
        ByteBuffer extended = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        extended.put(ascii("RIFF")).putInt(32).put(ascii("WEBPVP8X")).putInt(10).putInt(0x10);
        extended.put((byte) 0xFF).put((byte) 0xFF).put((byte) 0xFF).put((byte) 0xFF).put((byte) 0xFF).put((byte) 0);
        bombs.add(Arguments.of("WebP VP8X", extended.array(), 16777216, 65536));
        bombs.add(Arguments.of("PNM", text("P6\n# a comment\n20000 30000\n255\n", 16), 20000, 30000));
        bombs.add(Arguments.of("PAM", text("P7\nWIDTH 20000\nHEIGHT 30000\nDEPTH 3\nMAXVAL 255\nENDHDR\n", 16),
                20000, 30000));
        bombs.add(Arguments.of("PFM", text("PF\n20000 30000\n-1\n", 16), 20000, 30000));
        bombs.add(Arguments.of("Radiance HDR", text("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 30000 +X 20000\n", 16),
                20000, 30000));
        ByteBuffer sun = ByteBuffer.allocate(48).putInt(0x59A66A95).putInt(20000).putInt(30000).putInt(24).putInt(0)
                .putInt(1).putInt(0).putInt(0);
        bombs.add(Arguments.of("Sun raster", sun.array(), 20000, 30000));
        byte[] jp2 = new Writer(".jp2", Format.JPEG_2000, COLOUR, false).write(texture(20, 30, 3, 1));
        int siz = indexOf(jp2, 0xFF, 0x4F, 0xFF, 0x51);
        ByteBuffer.wrap(jp2).putInt(siz + 8, 20000).putInt(siz + 12, 30000);
        bombs.add(Arguments.of("JPEG 2000 (JP2)", jp2, 20000, 30000));
        bombs.add(Arguments.of("JPEG 2000 (J2K)", Arrays.copyOfRange(jp2, siz, jp2.length), 20000, 30000));
        byte[] exr = new Writer(".exr", Format.OPENEXR, COLOUR, true).write(texture(20, 30, 3, 1));
        int window = indexOf(exr, ascii("dataWindow\0box2i\0")) + 21;
        ByteBuffer.wrap(exr).order(ByteOrder.LITTLE_ENDIAN).putInt(window + 8, 19999).putInt(window + 12, 29999);
        bombs.add(Arguments.of("OpenEXR", exr, 20000, 30000));
        bombs.add(Arguments.of("PNG of 2^32 - 1 squared", BadImageTest.png(-1, -1), 4294967295L, 4294967295L));
        bombs.add(Arguments.of("GIF", new byte[] {'G', 'I', 'F', '8', '9', 'a', -1, -1, -1, -1, 0, 0, 0, ';'},
                65535, 65535));
        return bombs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bombs")
    void aSmallFileDeclaringMoreThanTheLimitIsRefusedUndecodedWhateverItsName(String format, byte[] bytes, long width,
            long height) throws IOException {
        Path file = Files.write(dir.resolve("photo.jpg"), bytes);
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(28, 28).maxPixels(LIMIT).build());
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(ImageSource.of(file)));
        assertEquals(file + " declares " + width + "x" + height + " = "
                + java.math.BigInteger.valueOf(width).multiply(java.math.BigInteger.valueOf(height))
                + " pixels, more than the limit of " + LIMIT + " (@Image maxPixels); it was not decoded",
                e.getMessage());
    }

    /** The Deflate TIFF is a real image: under a limit it fits, OpenCV decodes it to exactly its declared pixels. */
    @Test
    void aDeflateTiffWithinTheLimitDecodesToItsDeclaredSize() throws ImageDecodeException {
        for (boolean little : new boolean[] {true, false}) {
            byte[] tiff = TestImages.tiff(little, false, 1200, 800, 1, 77);
            assertEquals(Arrays.toString(new long[] {1200, 800}), Arrays.toString(openCvSize(tiff)));
            ImageSpec gray = ImageSpec.builder(8, 8).channels(io.dataseq.annotation.Image.Channels.GRAY)
                    .maxPixels(1200 * 800).std(1.0 / 255).build();
            float[] values = new ImageDecoder(gray).decode(ImageSource.of(tiff));
            for (float value : values) {
                assertEquals(77f, value, 1e-3f);
            }
        }
    }

    /** What DataSeq cannot bound by the pixel limit alone, or cannot read a size from, it refuses, saying why. */
    @Test
    void whatCannotBeCheckedIsRefusedWithTheFormatNamed() throws IOException {
        assertRefused("is a TIFF of 5 samples per pixel; DataSeq decodes at most 4 (gray, colour, alpha)",
                TestImages.tiff(true, false, 8, 8, 5, 0));
        byte[] tiff = TestImages.tiff(false, false, 8, 8, 1, 0);
        assertRefused("is a truncated TIFF: its first image directory, at byte " + (tiff.length - 4 - 9 * 12 - 2)
                + ", is past its end (16 bytes)", Arrays.copyOf(tiff, 16));
        assertRefused("is a truncated TIFF: it ends in its first image directory (9 entries at byte "
                + (tiff.length - 4 - 9 * 12 - 2) + ")", Arrays.copyOf(tiff, tiff.length - 20));
        byte[] jp2 = new Writer(".jp2", Format.JPEG_2000, COLOUR, false).write(texture(20, 30, 3, 1));
        ByteBuffer.wrap(jp2).putShort(indexOf(jp2, 0xFF, 0x4F, 0xFF, 0x51) + 40, (short) 300);
        assertRefused("is a JPEG 2000 image of 300 components; DataSeq decodes at most 4 (gray, colour, alpha)", jp2);
        byte[] exr = new Writer(".exr", Format.OPENEXR, COLOUR, true).write(texture(20, 30, 3, 1));
        exr[5] |= 0x10; // the multi-part flag
        assertRefused("is a multi-part OpenEXR file, which DataSeq does not decode", exr);
        assertRefused("is a corrupt PNM: its header's width and height are not two numbers below 2^31",
                text("P6\n20000 3000000000\n255\n", 16));
        assertRefused("is a corrupt PAM: its header has no HEIGHT", text("P7\nWIDTH 3\nDEPTH 3\nENDHDR\n", 16));
        assertRefused("is a corrupt Radiance HDR: its resolution line is not like \"-Y 480 +X 640\"",
                text("#?RGBE\nFORMAT=32-bit_rle_rgbe\n\n-Y 2 +X 3 +Z 4\n", 16));
        assertRefused("is a corrupt WebP: its first chunk is not VP8, VP8L or VP8X", text("RIFF\0\0\0\0WEBPALPH", 16));
    }

    private void assertRefused(String problem, byte[] bytes) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class,
                () -> new ImageDecoder(ImageSpec.builder(8, 8).build()).decode(ImageSource.of(bytes)));
        assertEquals("byte[" + bytes.length + "] " + problem, e.getMessage());
    }

    /**
     * Without OPENCV_IO_ENABLE_JASPER and OPENCV_IO_ENABLE_OPENEXR (the tests run with both), a JPEG 2000 or OpenEXR
     * file fails with a message that says which variable turns its decoder on; in a JVM of its own, since OpenCV
     * reads them once.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120) // a guard against a hung child JVM, not a timing assertion
    void aDecoderOpenCvKeepsOffIsNamedWithItsVariable() throws IOException, InterruptedException {
        Path jp2 = Files.write(dir.resolve("a.jp2"),
                new Writer(".jp2", Format.JPEG_2000, COLOUR, false).write(texture(20, 30, 3, 1)));
        Path exr = Files.write(dir.resolve("a.exr"),
                new Writer(".exr", Format.OPENEXR, COLOUR, true).write(texture(20, 30, 3, 1)));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, DecodeEach.class.getName(), jp2.toString(), exr.toString())
                .redirectErrorStream(true);
        child.environment().remove("OPENCV_IO_ENABLE_JASPER");
        child.environment().remove("OPENCV_IO_ENABLE_OPENEXR");
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertTrue(output.contains(jp2 + " is a JPEG 2000 image, whose decoder OpenCV keeps off unless the environment"
                + " variable OPENCV_IO_ENABLE_JASPER is true"), output);
        assertTrue(output.contains(exr + " is an OpenEXR image, whose decoder OpenCV keeps off unless the environment"
                + " variable OPENCV_IO_ENABLE_OPENEXR is true"), output);
        assertFalse(output.contains("decoded"), output);
    }

    /** Decodes each file named on the command line and prints what happened; run in a child JVM. */
    static final class DecodeEach {
        private DecodeEach() {}

        public static void main(String[] files) {
            ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(8, 8).build());
            for (String file : files) {
                try {
                    decoder.decode(ImageSource.of(Path.of(file)));
                    System.out.println(file + " decoded");
                } catch (ImageDecodeException e) {
                    System.out.println(e.getMessage());
                }
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code header} and {@code data} bytes of 100 after it. */
    private static byte[] text(String header, int data) {
        byte[] bytes = Arrays.copyOf(ascii(header), header.length() + data);
        Arrays.fill(bytes, header.length(), bytes.length, (byte) 100);
        return bytes;
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        int[] unsigned = new int[pattern.length];
        for (int i = 0; i < pattern.length; i++) {
            unsigned[i] = pattern[i] & 0xFF;
        }
        return indexOf(bytes, unsigned);
    }

    private static int indexOf(byte[] bytes, int... pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if ((bytes[i + j] & 0xFF) != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
