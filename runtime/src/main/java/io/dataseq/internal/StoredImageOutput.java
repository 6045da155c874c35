package io.dataseq.internal;

import io.dataseq.RecordContext;
import io.dataseq.image.ImageDecoder;
import io.dataseq.image.ImageSpec;
import io.dataseq.timing.StageClock;
import java.nio.FloatBuffer;

/**
 * An image read back from a record store: its stored 8-bit pixels, augmented per epoch as its spec declares (when
 * training) and scaled into the batch by {@link ImageDecoder#assemblePixels}, as the epoch that wrote it did.
 */
final class StoredImageOutput<R> extends SpecImageOutput<R> {
    private final StoredPixelsMethod<R> method;

    StoredImageOutput(String name, ImageSpec spec, StoredPixelsMethod<R> method) {
        super(name, spec, new ImageDecoder(spec));
        this.method = method;
    }

    /** The parts of {@code spec} that decide the pixels a store keeps, as text. */
    static String storedForm(ImageSpec spec) {
        return "pixels " + spec.height() + "x" + spec.width() + " " + spec.channels() + " " + spec.interpolation()
                + " maxPixels " + spec.maxPixels() + " reducedDecode " + spec.reducedDecode();
    }

    @Override
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset,
            StageClock clock) throws Exception {
        StoredPixelsMethod.Pixels pixels = method.pixels(reader, record);
        decoder.assemblePixels(pixels.buffer(), pixels.index(), context, target, offset, clock);
    }
}
