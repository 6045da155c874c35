package io.dataseq.image;

import static io.dataseq.image.TestImages.texture;
import static io.dataseq.image.TestImages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file fails with an error that starts with the file and says what is wrong with it. */
class BadImageTest {
    @TempDir
    Path dir;

    private final ImageDecoder decoder = new ImageDecoder(ImageSpec.builder(16, 16).build());

    private ImageDecodeException failure(Path file) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(ImageSource.of(file)));
        assertEquals(file.toString(), e.image());
        assertTrue(e.getMessage().startsWith(file + " "), e.getMessage());
        return e;
    }

    private static void assertSays(String expected, Exception e) {
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private byte[] jpeg() throws IOException {
        return Files.readAllBytes(write(dir, "good.jpg", texture(64, 64, 3, 1)));
    }

    private byte[] png() throws IOException {
        return Files.readAllBytes(write(dir, "good.png", texture(64, 64, 3, 2)));
    }

    @Test
    void missing() {
        Path file = dir.resolve("nowhere/missing.jpg");
        assertEquals(file + " does not exist", failure(file).getMessage());
    }

    @Test
    void aDirectory() {
        assertSays("is not a regular file", failure(dir));
    }

    /** Opening a named pipe blocks until something writes to it: it is refused before it is opened. */
    @Test
    @org.junit.jupiter.api.Timeout(60) // a guard against the hang this test is about, not a timing assertion
    void aNamedPipeIsRefusedWithoutBlocking() throws IOException, InterruptedException {
        Path pipe = dir.resolve("photo.jpg");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        ImageDecodeException e = failure(pipe);
        assertSays("is not a regular file", e);
        assertSays("named pipe", e);
    }

    @Test
    void aLinkToARegularFileIsRead() throws IOException {
        Path image = write(dir, "target.jpg", texture(16, 16, 3, 1));
        Path link = Files.createSymbolicLink(dir.resolve("link.jpg"), image);
        decoder.decode(ImageSource.of(link));
    }

    @Test
    void empty() throws IOException {
        assertEquals(dir.resolve("empty.jpg") + " is empty (0 bytes)", failure(file("empty.jpg", new byte[0]))
                .getMessage());
    }

    @Test
    void notAnImage() throws IOException {
        Path file = file("notes.jpg", "hello, this is text\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(file + " is not an image in a format DataSeq decodes (20 bytes, starting 68 65 6c 6c 6f 2c 20 74"
                + " \"hello, t\"); it reads " + ImageHeader.FORMATS, failure(file).getMessage());
    }

    @Test
    void aBadFileAfterAGoodOneOnTheSameThreadStillFails() throws IOException {
        // OpenCV leaves a reused target as it was when it finds no decoder: the previous image must not come back
        decoder.decode(ImageSource.of(write(dir, "good.png", texture(16, 16, 3, 3))));
        Path file = file("notes.jpg", "not a digit".getBytes(StandardCharsets.US_ASCII));
        assertSays("is not an image in a format DataSeq decodes", failure(file));
    }

    @Test
    void truncatedJpegInItsImageData() throws IOException {
        byte[] jpeg = jpeg();
        // libjpeg itself would decode this "successfully", filling the missing rows with gray
        Path file = file("cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
        assertSays("is a truncated JPEG: it ends in its image data", failure(file));
    }

    @Test
    void truncatedJpegInItsHeaders() throws IOException {
        Path file = file("cut.jpg", Arrays.copyOf(jpeg(), 30));
        assertSays("is a truncated JPEG: it ends before its frame header", failure(file));
    }

    @Test
    void truncatedPng() throws IOException {
        byte[] png = png();
        assertSays("is a truncated PNG: it ends before its IEND chunk",
                failure(file("cut.png", Arrays.copyOf(png, png.length - 20))));
        assertSays("is a truncated PNG: it ends in its header", failure(file("stub.png", Arrays.copyOf(png, 20))));
    }

    @Test
    void corruptJpegTables() throws IOException {
        byte[] jpeg = jpeg();
        int tables = indexOf(jpeg, 0xFF, 0xDB); // the quantisation tables
        for (int i = tables + 4; i < tables + 40; i++) {
            jpeg[i] = (byte) 0xFF;
        }
        assertSays("is a corrupt JPEG: OpenCV could not decode it", failure(file("tables.jpg", jpeg)));
    }

    @Test
    void corruptJpegFrameHeader() throws IOException {
        byte[] jpeg = jpeg();
        int frame = indexOf(jpeg, 0xFF, 0xC0);
        Arrays.fill(jpeg, frame + 5, frame + 9, (byte) 0); // height and width
        assertSays("is a corrupt JPEG: its frame header declares 0x0 pixels", failure(file("frame.jpg", jpeg)));
    }

    @Test
    void corruptPngData() throws IOException {
        byte[] png = png();
        int data = indexOf(png, 'I', 'D', 'A', 'T');
        for (int i = data + 10; i < data + 30; i++) {
            png[i] ^= 0x5A; // libpng fails on the damaged compressed data
        }
        assertSays("is a corrupt PNG: OpenCV could not decode it", failure(file("data.png", png)));
    }

    @Test
    void gifIsNamedAsAFormatOpenCvCannotDecodeBefore4_11() throws IOException {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 16, 0, 16, 0, 0, 0, 0, ';'};
        boolean decodesGif = org.bytedeco.opencv.global.opencv_core.getVersionMajor() > 4
                || org.bytedeco.opencv.global.opencv_core.getVersionMinor() >= 11;
        // a header and no frame: OpenCV 4.11 and later have a GIF decoder, which finds nothing to decode
        assertSays(decodesGif ? "is a corrupt GIF: OpenCV could not decode it"
                : "is a GIF, which OpenCV 4.5.5 cannot decode (4.11 and later can)", failure(file("anim.gif", gif)));
    }

    @Test
    void bytesAreNamedByTheirLength() {
        ImageDecodeException e = assertThrows(ImageDecodeException.class,
                () -> decoder.decode(ImageSource.of(new byte[0])));
        assertEquals("byte[0] is empty (0 bytes)", e.getMessage());
        e = assertThrows(ImageDecodeException.class, () -> decoder.decode(ImageSource.of(new byte[] {1, 2, 3})));
        assertTrue(e.getMessage().startsWith("byte[3] is not an image in a format DataSeq decodes"), e.getMessage());
    }

    @Test
    void aPngDeclaringTenGigapixelsInFortyFiveBytesIsRejectedUndecoded() throws IOException {
        Path file = file("bomb.png", png(100_000, 100_000));
        assertEquals(45, Files.size(file));
        assertEquals(file + " declares 100000x100000 = 10000000000 pixels, more than the limit of 100000000 "
                + "(@Image maxPixels); it was not decoded", failure(file).getMessage());
    }

    @Test
    void aJpegDeclaringMorePixelsThanTheLimitIsRejectedBeforeItsDataIsLookedAt() throws IOException {
        // SOI, then a frame header of 65535 x 65535, then nothing a decoder could use
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, 1, 1, 0x11, 0, 1, 2, 3};
        assertSays("declares 65535x65535 = 4294836225 pixels, more than the limit",
                failure(file("bomb.jpg", jpeg)));
    }

    @Test
    void theLimitIsTheSpecs() throws IOException {
        Path file = write(dir, "big.png", texture(100, 120, 3, 3));
        ImageDecoder strict = new ImageDecoder(ImageSpec.builder(16, 16).maxPixels(11_999).build());
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> strict.decode(ImageSource.of(file)));
        assertEquals(file + " declares 120x100 = 12000 pixels, more than the limit of 11999 (@Image maxPixels); "
                + "it was not decoded", e.getMessage());
        new ImageDecoder(ImageSpec.builder(16, 16).maxPixels(12_000).build()).decode(ImageSource.of(file));
    }

    /** A valid PNG signature, IHDR and IEND around no image data: a header only. */
    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0});
        chunk(o, "IHDR", ihdr.toByteArray());
        chunk(o, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
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
