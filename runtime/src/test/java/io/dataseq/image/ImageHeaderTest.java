package io.dataseq.image;

import static io.dataseq.image.TestImages.texture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.image.ImageHeader.Format;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sizes and formats headers declare, read without decoding. */
class ImageHeaderTest {

    private static ImageHeader read(byte[] bytes) {
        return ImageHeader.read(ByteBuffer.wrap(bytes), bytes.length);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @CsvSource({".jpg, 37, 53, 3, JPEG", ".jpg, 300, 20, 1, JPEG", ".png, 37, 53, 3, PNG", ".png, 1, 1000, 1, PNG",
        ".bmp, 37, 53, 3, BMP", ".bmp, 37, 53, 1, BMP"})
    void readsTheSizeOfFilesOpenCvWrites(String extension, int height, int width, int channels, Format format) {
        ImageHeader header = read(TestImages.encode(texture(height, width, channels, 1), extension));
        assertEquals(format, header.format());
        assertEquals(width, header.width());
        assertEquals(height, header.height());
        assertFalse(header.transposed());
        assertNull(header.problem());
    }

    @Test
    void readsAProgressiveJpegsFrameHeader() {
        // a progressive JPEG's size is in SOF2; libjpeg-turbo writes one for quality 95 with progressive on
        byte[] jpeg = encodeProgressive(texture(40, 70, 3, 2));
        ImageHeader header = read(jpeg);
        assertEquals(70, header.width());
        assertEquals(40, header.height());
        assertNull(header.problem());
    }

    @Test
    void readsGifsLogicalScreen() {
        ImageHeader header = read(new byte[] {'G', 'I', 'F', '8', '7', 'a', 0x10, 0x27, 0x20, 0x4E, 0, 0, 0});
        assertEquals(Format.GIF, header.format());
        assertEquals(10_000, header.width());
        assertEquals(20_000, header.height());
    }

    @Test
    void refusesBytesOfNoSignatureItReads() {
        for (byte[] bytes : new byte[][] {"text".getBytes(StandardCharsets.US_ASCII), {(byte) 0xFF}, {'I', 'I', 0, 0},
            "P9 1 1".getBytes(StandardCharsets.US_ASCII), "#?XYZ\n".getBytes(StandardCharsets.US_ASCII)}) {
            ImageHeader header = read(bytes);
            assertEquals(Format.UNKNOWN, header.format());
            assertFalse(header.hasSize());
            assertTrue(header.problem().startsWith("is not an image in a format DataSeq decodes (" + bytes.length
                    + " bytes, starting "), header.problem());
        }
    }

    @Test
    void readsOnlyTheGivenLength() throws IOException {
        byte[] jpeg = TestImages.encode(texture(20, 20, 3, 4), ".jpg");
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length * 2);
        assertNull(ImageHeader.read(ByteBuffer.wrap(padded), jpeg.length).problem());
        assertEquals("is a truncated JPEG: it ends in its image data, before the end-of-image marker",
                ImageHeader.read(ByteBuffer.wrap(padded), jpeg.length - 2).problem());
    }

    @Test
    void acceptsBytesAfterTheEndOfImage() {
        // cameras and editors append data after EOI; libjpeg ignores it
        byte[] jpeg = TestImages.encode(texture(20, 20, 3, 5), ".jpg");
        byte[] trailing = Arrays.copyOf(jpeg, jpeg.length + 100);
        Arrays.fill(trailing, jpeg.length, trailing.length, (byte) 0x42);
        assertNull(read(trailing).problem());
    }

    @Test
    void acceptsStrayBytesBetweenSegmentsAsLibjpegDoes() throws Exception {
        byte[] jpeg = TestImages.encode(texture(20, 30, 3, 7), ".jpg");
        int app0End = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        byte[] stray = new byte[jpeg.length + 5];
        System.arraycopy(jpeg, 0, stray, 0, app0End);
        System.arraycopy(jpeg, app0End, stray, app0End + 5, jpeg.length - app0End);
        ImageHeader header = read(stray);
        assertEquals(30, header.width());
        assertNull(header.problem());
        ImageSpec spec = ImageSpec.builder(20, 30).build();
        assertArrayEquals(new ImageDecoder(spec).decode(ImageSource.of(jpeg)),
                new ImageDecoder(spec).decode(ImageSource.of(stray)), "OpenCV decodes it too");
    }

    @Test
    void ignoresOrientationsThatDoNotTurnAndMalformedExif() throws IOException {
        byte[] jpeg = TestImages.encode(texture(20, 30, 3, 6), ".jpg");
        for (int orientation = 1; orientation <= 8; orientation++) {
            ImageHeader header = read(ReducedDecodeTest.withExifOrientation(jpeg, orientation));
            assertEquals(orientation >= 5, header.transposed(), "orientation " + orientation);
            assertEquals(30, header.width());
            assertEquals(orientation >= 5 ? 30 : 20, header.orientedHeight(), "turned a quarter");
        }
        byte[] broken = ReducedDecodeTest.withExifOrientation(jpeg, 6);
        broken[12] = 'X'; // the TIFF byte order mark
        assertFalse(read(broken).transposed());
    }

    private static byte[] encodeProgressive(org.bytedeco.opencv.opencv_core.Mat image) {
        try (org.bytedeco.javacpp.BytePointer buffer = new org.bytedeco.javacpp.BytePointer()) {
            int[] parameters = {org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1};
            org.bytedeco.opencv.global.opencv_imgcodecs.imencode(".jpg", image, buffer,
                    new org.bytedeco.javacpp.IntPointer(parameters));
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }
}
