package io.dataseq.internal;

import io.dataseq.RecordContext;
import io.dataseq.image.DecodedImages;
import io.dataseq.image.ImageDecoder;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import io.dataseq.timing.StageClock;
import java.nio.FloatBuffer;

/**
 * An input read as an image and decoded straight into the batch, channels first ({@link ImageDecoder}). Read through
 * a {@link RecordScope}, it shares the record's decoded images with the record's other image outputs, so that a file
 * two of them return is decoded once.
 */
final class ImageOutput<R> extends SpecImageOutput<R> {
    private final ImageMethod<R> method;

    ImageOutput(String name, ImageSpec spec, ImageMethod<R> method) {
        super(name, spec, new ImageDecoder(spec));
        this.method = method;
    }

    /** What decides the pixels a store keeps: the size, channels and decoding, not the scaling or augmentation. */
    @Override
    public String valuesFingerprint() {
        return super.valuesFingerprint() + " " + StoredImageOutput.storedForm(spec);
    }

    @Override
    public Output<R> storingPixels(PixelSink sink) {
        return new Storing(sink);
    }

    @Override
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset,
            StageClock clock) throws Exception {
        // The reader's method counts as READ: the decoder's first lap (after reading the file) takes it along.
        decoder.decode(read(reader, record, context), context, target, offset, clock);
    }

    @Override
    public void write(R reader, RecordScope scope, FloatBuffer target, int offset, StageClock clock)
            throws Exception {
        RecordContext context = scope.contextOf(this);
        ImageSource image = read(reader, scope.record(), context);
        decoder.decode(image, context, decodedImages(scope), target, offset, clock);
    }

    private static DecodedImages decodedImages(RecordScope scope) {
        return scope.shared(DecodedImages.class, DecodedImages::new);
    }

    private ImageSource read(R reader, int record, RecordContext context) throws Exception {
        ImageSource image = method.read(reader, record, context);
        if (image == null) {
            throw new IllegalStateException(name() + " returned null for record " + record);
        }
        return image;
    }

    /**
     * This image while a store is written: each record's image is decoded to its 8-bit pixels, which go to the
     * store, and the batch is assembled from them exactly as it is when they are read back from the store, so that
     * the epoch that writes a store and the epochs that read it deliver the same batches.
     */
    private final class Storing extends SpecImageOutput<R> {
        private final PixelSink sink;

        Storing(PixelSink sink) {
            super(ImageOutput.this.name(), ImageOutput.this.spec, ImageOutput.this.decoder);
            this.sink = sink;
        }

        @Override
        public String valuesFingerprint() {
            return ImageOutput.this.valuesFingerprint();
        }

        @Override
        public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset,
                StageClock clock) throws Exception {
            store(read(reader, record, context), null, context, target, offset, clock);
        }

        @Override
        public void write(R reader, RecordScope scope, FloatBuffer target, int offset, StageClock clock)
                throws Exception {
            RecordContext context = scope.contextOf(this);
            ImageSource image = read(reader, scope.record(), context);
            store(image, decodedImages(scope), context, target, offset, clock);
        }

        private void store(ImageSource image, DecodedImages shared, RecordContext context, FloatBuffer target,
                int offset, StageClock clock) throws Exception {
            // The pixels go straight to the store's staging of this row, and the batch is made from them there.
            StoredPixelsMethod.Pixels kept = sink.place(offset / length());
            decoder.decodePixels(image, shared, kept.buffer(), kept.index(), clock);
            decoder.assemblePixels(kept.buffer(), kept.index(), context, target, offset, clock);
        }
    }
}
