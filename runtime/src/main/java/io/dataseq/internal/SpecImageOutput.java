package io.dataseq.internal;

import io.dataseq.RecordContext;
import io.dataseq.image.ImageDecoder;
import io.dataseq.image.ImageSpec;
import io.dataseq.timing.StageClock;
import java.nio.FloatBuffer;

/**
 * An output whose values are an image of an {@link ImageSpec}, made by its {@link ImageDecoder}: decoded from what
 * the reader returns ({@link ImageOutput}), decoded while a store is written, or read back from a store
 * ({@link StoredImageOutput}). What they share: the spec, the decoder, the natives they need, and the unclocked
 * write, which is the clocked one with the clock off.
 */
abstract class SpecImageOutput<R> extends Output<R> {
    final ImageSpec spec;
    final ImageDecoder decoder;

    SpecImageOutput(String name, ImageSpec spec, ImageDecoder decoder) {
        super(name, spec.shape());
        this.spec = spec;
        this.decoder = decoder;
    }

    @Override
    public final ImageSpec imageSpec() {
        return spec;
    }

    @Override
    public final void checkReady() {
        ImageDecoder.requireNatives();
    }

    @Override
    public final void write(R reader, int record, RecordContext context, FloatBuffer target, int offset)
            throws Exception {
        write(reader, record, context, target, offset, StageClock.OFF);
    }

    @Override
    public abstract void write(R reader, int record, RecordContext context, FloatBuffer target, int offset,
            StageClock clock) throws Exception;
}
