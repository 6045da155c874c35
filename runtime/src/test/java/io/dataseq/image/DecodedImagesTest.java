package io.dataseq.image;

import static io.dataseq.image.TestImages.encode;
import static io.dataseq.image.TestImages.photo;
import static io.dataseq.image.TestImages.texture;
import static io.dataseq.image.TestImages.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataseq.RecordContext;
import io.dataseq.annotation.Image.Channels;
import io.dataseq.timing.StageClock;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs of a record share a file's decoded image: read and decoded once, when their specs decode it alike,
 * with the values of decoding it for each.
 */
class DecodedImagesTest {
    private static final ImageSpec FEATURES = ImageSpec.builder(24, 32).mean(0.5).std(0.25).flipHorizontal(0.5)
            .rotateDegrees(20).cropScale(0.8).brightness(0.2).build();
    private static final ImageSpec TARGET = ImageSpec.builder(24, 32).cropScale(0.8).build();
    private static final RecordContext RECORD = new RecordContext(4, 1, 6);

    @TempDir
    Path dir;

    private static float[] decode(ImageSpec spec, ImageSource source, String output, DecodedImages shared)
            throws ImageDecodeException {
        float[] values = new float[spec.length()];
        new ImageDecoder(spec).decode(source, RECORD.forOutput(output), shared, FloatBuffer.wrap(values), 0,
                StageClock.OFF);
        return values;
    }

    @Test
    void twoOutputsOfTheSameFileDecodeItOnceWithTheValuesOfDecodingItTwice() throws Exception {
        Path file = write(dir, "photo.png", texture(40, 50, 3, 5));
        ImageSpec gray = ImageSpec.builder(24, 32).channels(Channels.GRAY).build();
        try (DecodedImages shared = new DecodedImages()) {
            float[] features = decode(FEATURES, ImageSource.of(file), "photo", shared);
            float[] target = decode(TARGET, ImageSource.of(file), "target", shared);
            assertEquals(1, shared.size(), "read and decoded once for both");
            float[] twice = decode(TARGET, ImageSource.of(Path.of(file.toString())), "again", shared);
            assertEquals(1, shared.size(), "an equal path is the same file");
            float[] grayValues = decode(gray, ImageSource.of(file), "gray", shared);
            assertEquals(2, shared.size(), "a gray decode is another decode");

            assertArrayEquals(decode(FEATURES, ImageSource.of(file), "photo", null), features);
            assertArrayEquals(decode(TARGET, ImageSource.of(file), "target", null), target);
            assertArrayEquals(decode(TARGET, ImageSource.of(file), "again", null), twice);
            assertArrayEquals(decode(gray, ImageSource.of(file), "gray", null), grayValues);
        }
    }

    @Test
    void bytesAreSharedWhenTheyAreTheSameArray() throws Exception {
        byte[] png = encode(texture(30, 30, 3, 8), ".png");
        try (DecodedImages shared = new DecodedImages()) {
            decode(FEATURES, ImageSource.of(png), "photo", shared);
            decode(TARGET, ImageSource.of(png), "target", shared);
            assertEquals(1, shared.size());
            decode(TARGET, ImageSource.of(png.clone()), "copy", shared);
            assertEquals(2, shared.size(), "an equal copy may have changed: it is decoded");
        }
    }

    @Test
    void aJpegReducedToAnotherScaleIsAnotherDecodeUnlessReducedDecodingIsOff() throws Exception {
        byte[] jpeg = encode(photo(256, 256, 3), ".jpg");
        ImageSpec large = ImageSpec.builder(128, 128).build(); // decoded at 1/2
        ImageSpec small = ImageSpec.builder(32, 32).build(); // decoded at 1/8
        try (DecodedImages shared = new DecodedImages()) {
            float[] values = decode(large, ImageSource.of(jpeg), "large", shared);
            decode(small, ImageSource.of(jpeg), "small", shared);
            assertEquals(2, shared.size());
            assertArrayEquals(decode(large, ImageSource.of(jpeg), "large", null), values);
        }
        try (DecodedImages shared = new DecodedImages()) {
            float[] values = decode(ImageSpec.builder(32, 32).reducedDecode(false).build(), ImageSource.of(jpeg),
                    "small", shared);
            decode(ImageSpec.builder(128, 128).reducedDecode(false).build(), ImageSource.of(jpeg), "large", shared);
            assertEquals(1, shared.size(), "decoded in full for both sizes");
            assertArrayEquals(decode(ImageSpec.builder(32, 32).reducedDecode(false).build(), ImageSource.of(jpeg),
                    "small", null), values);
        }
    }

    @Test
    void aMatIsNeverSharedAFailureIsNotKeptAndCloseLetsGo() throws Exception {
        Path missing = dir.resolve("missing.png");
        try (DecodedImages shared = new DecodedImages()) {
            decode(TARGET, ImageSource.of(new Mat(texture(30, 30, 3, 1))), "mat", shared);
            assertEquals(0, shared.size());
            for (int i = 0; i < 2; i++) {
                assertThrows(ImageDecodeException.class,
                        () -> decode(TARGET, ImageSource.of(missing), "missing", shared));
            }
            assertEquals(0, shared.size());
            Path file = write(dir, "photo.png", texture(30, 30, 3, 2));
            decode(TARGET, ImageSource.of(file), "photo", shared);
            assertEquals(1, shared.size());
            shared.close();
            assertEquals(0, shared.size());
            float[] again = decode(TARGET, ImageSource.of(file), "photo", shared);
            assertEquals(1, shared.size(), "usable for the next record");
            assertArrayEquals(decode(TARGET, ImageSource.of(file), "photo", null), again);
        }
    }
}
