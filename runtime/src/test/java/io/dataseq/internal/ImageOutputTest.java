package io.dataseq.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataseq.RecordContext;
import io.dataseq.annotation.Image;
import io.dataseq.image.ImageDecoder;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** An image output as the generated code binds it: its shape, its row in the batch, and a null image. */
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
}
