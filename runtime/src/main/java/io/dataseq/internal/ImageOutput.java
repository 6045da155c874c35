package io.dataseq.internal;

import io.dataseq.RecordContext;
import io.dataseq.image.ImageDecoder;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import io.dataseq.timing.StageClock;
import java.nio.FloatBuffer;

/** An input read as an image and decoded straight into the batch, channels first ({@link ImageDecoder}). */
final class ImageOutput<R> extends Output<R> {
    private final ImageMethod<R> method;
    private final ImageSpec spec;
    private final ImageDecoder decoder;

    ImageOutput(String name, ImageSpec spec, ImageMethod<R> method) {
        super(name, spec.shape());
        this.method = method;
        this.spec = spec;
        this.decoder = new ImageDecoder(spec);
    }

    @Override
    public String valuesFingerprint() {
        return super.valuesFingerprint() + " " + spec;
    }

    @Override
    public void checkReady() {
        ImageDecoder.requireNatives();
    }

    @Override
    public boolean augments() {
        return spec.augments();
    }

    @Override
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset)
            throws Exception {
        write(reader, record, context, target, offset, StageClock.OFF);
    }

    @Override
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset,
            StageClock clock) throws Exception {
        ImageSource image = method.read(reader, record, context);
        if (image == null) {
            throw new IllegalStateException(name() + " returned null for record " + record);
        }
        // The reader's method counts as READ: the decoder's first lap (after reading the file) takes it along.
        decoder.decode(image, context, target, offset, clock);
    }
}
