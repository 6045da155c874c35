package io.dataseq.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataseq.RecordContext;
import io.dataseq.annotation.Image;
import io.dataseq.image.DecodedImages;
import io.dataseq.image.ImageDecoder;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import io.dataseq.testing.Scenes;
import io.dataseq.timing.StageClock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image output as the generated code binds it: its shape, its row in the batch, a null image, and the decoded
 * image it shares with the record's other image outputs.
 */
class ImageOutputTest {
    private static final ImageSpec SPEC = ImageSpec.builder(4, 5).channels(Image.Channels.BGR).build();

    /** A reader of plain gray Mats whose level is the record number. */
    static final class Levels {
        Mat image(int record) {
            return record < 0 ? null : new Mat(8, 10, org.bytedeco.opencv.global.opencv_core.CV_8UC1,
                    new Scalar(record));
        }
    }

    private static Output<Levels> output() {
        ReaderBinding<Levels> binding = ReaderBinding.<Levels>builder()
                .size(reader -> 3)
                .imageFeatures("levels", SPEC, (reader, record, context) -> ImageSource.of(reader.image(record)))
                .build();
        return binding.features().get(0);
    }

    @Test
    void theShapeIsChannelsHeightWidth() {
        Output<Levels> output = output();
        assertEquals("levels", output.name());
        assertArrayEquals(new int[] {3, 4, 5}, output.shape());
        assertEquals(60, output.length());
    }

    @Test
    void writesEachRecordIntoItsRow() throws Exception {
        Output<Levels> output = output();
        FloatBuffer batch = ByteBuffer.allocateDirect(Float.BYTES * 3 * output.length())
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        Levels reader = new Levels();
        for (int record = 0; record < 3; record++) {
            output.write(reader, record, new RecordContext(0, 0, record), batch, record * output.length());
        }
        for (int i = 0; i < batch.capacity(); i++) {
            int record = i / output.length();
            assertEquals(SPEC.normalise(0, record), batch.get(i), 1e-6f, "index " + i);
        }
        float[] direct = new ImageDecoder(SPEC).decode(ImageSource.of(reader.image(2)));
        float[] row = new float[output.length()];
        batch.get(2 * output.length(), row);
        assertArrayEquals(direct, row);
    }

    @Test
    void aNullImageNamesTheOutputAndRecord() {
        FloatBuffer batch = FloatBuffer.allocate(60);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> output().write(new Levels(), -4, new RecordContext(0, 0, -4), batch, 0));
        assertEquals("levels returned null for record -4", e.getMessage());
    }

    @Test
    void imageOutputsOfARecordThatReturnTheSameFileDecodeItOnceWithTheValuesOfDecodingItTwice(@TempDir Path dir)
            throws Exception {
        Path file = Files.write(dir.resolve("scene.png"), Scenes.png(Scenes.image(1), 3));
        ImageSpec noisy = ImageSpec.builder(24, 32).flipHorizontal(0.5).rotateDegrees(10).brightness(0.2).build();
        ImageSpec clean = ImageSpec.builder(24, 32).flipHorizontal(0.5).rotateDegrees(10).mean(0.5).build();
        ReaderBinding<Path> binding = ReaderBinding.<Path>builder()
                .size(reader -> 1)
                .imageFeatures("noisy", noisy, (reader, record, context) -> ImageSource.of(reader))
                .imageLabel("clean", clean, (reader, record, context) -> ImageSource.of(reader))
                .build();
        float[] features = new float[noisy.length()];
        float[] labels = new float[clean.length()];
        RecordContext context = new RecordContext(5, 2, 0);
        DecodedImages shared;
        try (RecordScope scope = new RecordScope(context)) {
            binding.features().get(0).write(file, scope, FloatBuffer.wrap(features), 0, StageClock.OFF);
            binding.labels().get(0).write(file, scope, FloatBuffer.wrap(labels), 0, StageClock.OFF);
            shared = scope.shared(DecodedImages.class, () -> {
                throw new AssertionError("the first output made it");
            });
            assertEquals(1, shared.size(), "one file read and decoded for two outputs");
        }
        assertEquals(0, shared.size(), "released with the record");

        float[] alone = new float[noisy.length()];
        new ImageDecoder(noisy).decode(ImageSource.of(file), context.forOutput("noisy"), FloatBuffer.wrap(alone), 0);
        assertArrayEquals(alone, features);
        alone = new float[clean.length()];
        new ImageDecoder(clean).decode(ImageSource.of(file), context.forOutput("clean"), FloatBuffer.wrap(alone), 0);
        assertArrayEquals(alone, labels);
    }
}
