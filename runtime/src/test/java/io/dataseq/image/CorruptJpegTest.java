package io.dataseq.image;

import static io.dataseq.image.TestImages.photo;
import static io.dataseq.image.TestImages.texture;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_RST_INTERVAL;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.annotation.Image.CorruptJpeg;
import io.dataseq.testing.SeededCases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corruptJpeg}: a JPEG whose data libjpeg warns about ("Corrupt JPEG data: ...") fails its record under
 * {@code FAIL}, is named in a warning under {@code WARN}, and is decoded as before under {@code DECODE}. The oracle is
 * libjpeg itself: OpenCV's own, decoding each file in a JVM of its own whose standard error is read.
 */
class CorruptJpegTest {
    private static final int CASES = 240;

    @TempDir
    Path dir;

    /** A JPEG as OpenCV writes it, then damaged (or not) as a disk, a transfer or a cut file damages one. */
    private record Damaged(String what, byte[] bytes, boolean damaged) {
        @Override
        public String toString() {
            return what;
        }
    }

    static byte[] jpeg(Mat image, int quality, int restartInterval, boolean progressive) {
        int[] parameters = {IMWRITE_JPEG_QUALITY, quality, IMWRITE_JPEG_RST_INTERVAL, restartInterval,
            IMWRITE_JPEG_PROGRESSIVE, progressive ? 1 : 0};
        try (BytePointer buffer = new BytePointer(); IntPointer flags = new IntPointer(parameters)) {
            assertTrue(imencode(".jpg", image, buffer, flags));
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }

    /** The index after the first scan header: where the first scan's data starts. */
    private static int scanData(byte[] jpeg) {
        for (int i = 2; i + 3 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return i + 2 + ((jpeg[i + 2] & 0xFF) << 8 | jpeg[i + 3] & 0xFF);
            }
        }
        throw new AssertionError("no scan");
    }

    private static Damaged draw(int number) {
        SplittableRandom random = new SplittableRandom(number);
        int height = random.nextInt(8, 160);
        int width = random.nextInt(8, 160);
        int channels = random.nextBoolean() ? 1 : 3;
        int restart = random.nextInt(3) == 0 ? random.nextInt(1, 6) : 0;
        boolean progressive = random.nextInt(3) == 0;
        int quality = random.nextInt(40, 96);
        byte[] bytes = jpeg(texture(height, width, channels, number), quality, restart, progressive);
        int data = scanData(bytes);
        int end = bytes.length - 2; // the end-of-image marker
        int kind = random.nextInt(5);
        String what = height + "x" + width + "x" + channels + " q" + quality
                + (restart > 0 ? " restart " + restart : "") + (progressive ? " progressive" : "");
        switch (kind) {
            case 1 -> { // bytes changed, as by a bad sector or a flipped bit
                for (int i = random.nextInt(1, 4); i > 0; i--) {
                    int at = random.nextInt(data, end);
                    bytes[at] = (byte) random.nextInt(256);
                    what += ", byte " + at + " changed";
                }
            }
            case 2 -> { // cut, and given its end-of-image marker back
                int cut = random.nextInt(data, end);
                bytes = Arrays.copyOf(bytes, cut + 2);
                bytes[cut] = (byte) 0xFF;
                bytes[cut + 1] = (byte) 0xD9;
                what += ", cut at " + cut;
            }
            case 3 -> { // bytes inserted
                int at = random.nextInt(data, end + 1);
                int count = random.nextInt(1, 4);
                byte[] longer = new byte[bytes.length + count];
                System.arraycopy(bytes, 0, longer, 0, at);
                for (int i = 0; i < count; i++) {
                    longer[at + i] = (byte) random.nextInt(256);
                }
                System.arraycopy(bytes, at, longer, at + count, bytes.length - at);
                bytes = longer;
                what += ", " + count + " bytes inserted at " + at;
            }
            case 4 -> { // bytes lost
                int at = random.nextInt(data, end);
                int count = Math.min(random.nextInt(1, 20), end - at);
                byte[] shorter = new byte[bytes.length - count];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + count, shorter, at, bytes.length - at - count);
                bytes = shorter;
                what += ", " + count + " bytes lost at " + at;
            }
            default -> what += ", undamaged";
        }
        return new Damaged(what, bytes, kind != 0);
    }

    /**
     * Every file libjpeg warns about fails under FAIL; no undamaged file does; and a file refused that libjpeg
     * passed in silence has unused bytes after a scan, which libjpeg reports only when it had not read them ahead.
     */
    @Test
    @Timeout(300) // a guard against a hung child JVM, not a timing assertion
    void everyFileLibjpegWarnsAboutFailsUnderFailAndNoUndamagedFileDoes() throws Exception {
        for (int i = 0; i < CASES; i++) {
            Files.write(dir.resolve(i + ".jpg"), draw(i).bytes());
        }
        Map<Integer, String> warned = libjpegWarnings(CASES);
        assertTrue(warned.size() > CASES / 3, "libjpeg warned about " + warned.size() + " of " + CASES + " files");
        ImageDecoder failing = new ImageDecoder(ImageSpec.builder(8, 8).corruptJpeg(CorruptJpeg.FAIL).build());
        ImageDecoder lenient = new ImageDecoder(ImageSpec.builder(8, 8).build());
        int[] stricter = new int[1];
        SeededCases.check("corruptJpeg.case", CASES, CorruptJpegTest::draw, (number, c) -> {
            Path file = dir.resolve(number + ".jpg");
            ImageDecodeException refused = null;
            try {
                failing.decode(ImageSource.of(file));
            } catch (ImageDecodeException e) {
                refused = e;
            }
            boolean decodes = true;
            try {
                lenient.decode(ImageSource.of(file));
            } catch (ImageDecodeException e) {
                decodes = false; // refused by the header check, or by libjpeg itself, under either policy
            }
            if (!c.damaged()) {
                assertEquals(null, refused, "an undamaged file passes");
                return;
            }
            if (warned.containsKey(number)) {
                assertTrue(refused != null, "libjpeg warned \"" + warned.get(number) + "\" but FAIL decoded it");
                if (decodes) {
                    assertTrue(refused.getMessage().contains("is a corrupt JPEG, which libjpeg would decode with"
                            + " damaged blocks"), refused.getMessage());
                }
            } else if (refused != null && decodes) {
                assertTrue(refused.getMessage().contains("extraneous bytes before marker"), "refused, libjpeg silent: "
                        + refused.getMessage());
                stricter[0]++;
            }
        });
        assertTrue(stricter[0] <= CASES / 20, stricter[0] + " files refused that libjpeg passed");
    }

    /**
     * Which of the files {@code 0.jpg ..} libjpeg warns about, and its first warning: each decoded by OpenCV in a JVM
     * of its own, a line on standard error before each, so that libjpeg's lines (written straight to file
     * descriptor 2) fall under their file.
     */
    private Map<Integer, String> libjpegWarnings(int count) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPath, DecodeEach.class.getName(), dir.toString(), Integer.toString(count))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
        assertTrue(output.contains("FILE " + (count - 1)), output);
        Map<Integer, String> warned = new HashMap<>();
        int file = -1;
        for (String line : output.split("\n")) {
            if (line.startsWith("FILE ")) {
                file = Integer.parseInt(line.substring(5).trim());
            } else if (file >= 0 && !warned.containsKey(file) && (line.contains("Corrupt JPEG data")
                    || line.contains("Invalid SOS parameters") || line.contains("Inconsistent progression"))) {
                warned.put(file, line.trim());
            }
        }
        return warned;
    }

    /** Decodes {@code dir/0.jpg .. dir/(count-1).jpg} with OpenCV, naming each on standard error first. */
    static final class DecodeEach {
        private DecodeEach() {}

        public static void main(String[] arguments) throws IOException {
            Path dir = Path.of(arguments[0]);
            for (int i = 0; i < Integer.parseInt(arguments[1]); i++) {
                System.err.println("FILE " + i);
                System.err.flush();
                byte[] bytes = Files.readAllBytes(dir.resolve(i + ".jpg"));
                try (BytePointer data = new BytePointer(bytes); Mat encoded = new Mat(1, bytes.length, CV_8UC1, data);
                        Mat decoded = imdecode(encoded, IMREAD_COLOR)) {
                    System.err.flush();
                } catch (RuntimeException e) {
                    System.err.println("refused: " + e.getMessage());
                }
            }
        }
    }

    /** Damage anywhere, headers and tables included, never makes the check itself throw: it has an answer or none. */
    @Test
    void theCheckHasAnAnswerForDamageAnywhere() {
        SeededCases.check("corruptJpeg.anywhere", 600, number -> {
            SplittableRandom random = new SplittableRandom(10_000L + number);
            byte[] bytes = jpeg(texture(random.nextInt(8, 64), random.nextInt(8, 64), 3, number), 80,
                    random.nextInt(3), random.nextBoolean());
            StringBuilder what = new StringBuilder();
            for (int i = random.nextInt(1, 6); i > 0; i--) {
                int at = random.nextInt(2, Math.min(bytes.length, random.nextBoolean() ? 700 : bytes.length));
                bytes[at] = (byte) random.nextInt(256);
                what.append(" byte ").append(at).append('=').append(bytes[at] & 0xFF);
            }
            return new Damaged(what.toString(), bytes, true);
        }, (number, c) -> JpegDataCheck.problem(new HeaderBytes(java.nio.ByteBuffer.wrap(c.bytes()),
                c.bytes().length)));
    }

    /** A photograph-like JPEG cut in its data and given its end-of-image marker back. */
    private Path cutJpeg(boolean progressive) throws IOException {
        byte[] jpeg = jpeg(photo(96, 128, 3), 90, 0, progressive);
        int cut = (scanData(jpeg) + jpeg.length) / 2;
        byte[] cutJpeg = Arrays.copyOf(jpeg, cut + 2);
        cutJpeg[cut] = (byte) 0xFF;
        cutJpeg[cut + 1] = (byte) 0xD9;
        return Files.write(dir.resolve(progressive ? "cut-progressive.jpg" : "cut.jpg"), cutJpeg);
    }

    @Test
    void underFailACutJpegFailsNamingTheFileAndLibjpegsWarning() throws IOException {
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(32, 32).corruptJpeg(CorruptJpeg.FAIL).build());
        for (boolean progressive : new boolean[] {false, true}) {
            Path file = cutJpeg(progressive);
            ImageDecodeException e = assertThrows(ImageDecodeException.class,
                    () -> decoder.decode(ImageSource.of(file)));
            assertEquals(file + " is a corrupt JPEG, which libjpeg would decode with damaged blocks and the warning"
                    + " \"Corrupt JPEG data: premature end of data segment\" (@Image corruptJpeg = FAIL)",
                    e.getMessage());
        }
    }

    @Test
    void underFailRestartMarkersOutOfTurnAndStrayBytesFail() throws IOException {
        ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(32, 32).corruptJpeg(CorruptJpeg.FAIL).build());
        byte[] jpeg = jpeg(photo(64, 64, 5), 90, 1, false);
        List<Integer> restarts = new ArrayList<>();
        for (int i = scanData(jpeg); i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xF8) == 0xD0) {
                restarts.add(i + 1);
            }
        }
        assertTrue(restarts.size() > 3, "restart markers: " + restarts);
        jpeg[restarts.get(2)] = (byte) 0xD5; // RST2 written as RST5
        ImageDecodeException e = assertThrows(ImageDecodeException.class,
                () -> decoder.decode(ImageSource.of(jpeg)));
        assertTrue(e.getMessage().contains("\"Corrupt JPEG data: found marker 0xd5 instead of RST2\""),
                e.getMessage());

        byte[] clean = jpeg(texture(20, 30, 3, 7), 90, 0, false);
        int app0End = 4 + ((clean[4] & 0xFF) << 8 | (clean[5] & 0xFF));
        byte[] stray = new byte[clean.length + 5];
        System.arraycopy(clean, 0, stray, 0, app0End);
        System.arraycopy(clean, app0End, stray, app0End + 5, clean.length - app0End);
        e = assertThrows(ImageDecodeException.class, () -> decoder.decode(ImageSource.of(stray)));
        assertTrue(e.getMessage().contains("\"Corrupt JPEG data: 5 extraneous bytes before marker 0xdb\""),
                e.getMessage());
        decoder.decode(ImageSource.of(clean));
    }

    @Test
    void underWarnACutJpegIsDecodedAndNamedInAWarning() throws IOException {
        Path file = cutJpeg(false);
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(ImageDecoder.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try {
            float[] values = new ImageDecoder(ImageSpec.builder(32, 32).corruptJpeg(CorruptJpeg.WARN).build())
                    .decode(ImageSource.of(file));
            assertEquals(3 * 32 * 32, values.length);
        } finally {
            logger.removeHandler(capture);
        }
        synchronized (records) {
            assertEquals(1, records.size());
            assertEquals(file + " is a corrupt JPEG: libjpeg decodes it with damaged blocks and warns \"Corrupt JPEG"
                    + " data: premature end of data segment\" (@Image corruptJpeg = WARN)",
                    records.get(0).getMessage());
        }
    }

    @Test
    void underDecodeACutJpegIsDecodedUnchecked() throws IOException {
        ImageSpec spec = ImageSpec.builder(32, 32).build();
        assertEquals(CorruptJpeg.DECODE, spec.corruptJpeg());
        new ImageDecoder(spec).decode(ImageSource.of(cutJpeg(false)));
    }
}
