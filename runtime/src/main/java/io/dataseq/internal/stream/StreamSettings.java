package io.dataseq.internal.stream;

import io.dataseq.stream.DescriptorCodec;
import java.nio.file.Path;

/**
 * The settings only a streaming reader has, as the builder resolved them.
 *
 * @param stepsPerEpoch batches per epoch of an endless stream; 0 records a finite source in its first epoch
 * @param shuffleBuffer with {@code stepsPerEpoch} and {@code shuffle}: the records of each block of this many are
 *     delivered in a seeded order
 * @param spillDirectory where a recording is kept on disk, or null to keep it on the heap
 * @param spillCodec how descriptors are written there; null without a spill directory
 * @param <D> the descriptor type
 */
public record StreamSettings<D>(int stepsPerEpoch, int shuffleBuffer, Path spillDirectory,
        DescriptorCodec<D> spillCodec) {
    /** The block a shuffled endless stream shuffles within, when not set. */
    public static final int DEFAULT_SHUFFLE_BUFFER = 1024;

    /** Records a finite source on the heap. */
    public static <D> StreamSettings<D> defaults() {
        return new StreamSettings<>(0, DEFAULT_SHUFFLE_BUFFER, null, null);
    }
}
