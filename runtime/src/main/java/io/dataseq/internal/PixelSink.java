package io.dataseq.internal;

/** Where an image's 8-bit pixels go while a record store is written (see {@link Output#storingPixels}). */
@FunctionalInterface
public interface PixelSink {
    /**
     * Where the calling thread puts the pixels of the record in row {@code row} of the batch it is reading: a direct
     * buffer and an index, valid on this thread until the batch is read whole.
     */
    StoredPixelsMethod.Pixels place(int row);
}
