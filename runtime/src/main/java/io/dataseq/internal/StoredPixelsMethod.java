package io.dataseq.internal;

import java.nio.ByteBuffer;

/**
 * Where a record store keeps one record's image, bound by {@link ReaderBinding.Builder#storedImage}.
 *
 * @param <R> what the store is read with
 */
@FunctionalInterface
public interface StoredPixelsMethod<R> {
    /** {@code record}'s 8-bit pixels (channels first, each a plane of rows), as {@link Pixels}. */
    Pixels pixels(R reader, int record) throws Exception;

    /**
     * Kept pixels: a direct buffer that holds them, the same one for many records (a store's chunk, which is read
     * in place), and the index of the first byte.
     *
     * @param buffer the buffer; its position and limit are not used
     * @param index where the pixels start in it
     */
    record Pixels(ByteBuffer buffer, int index) {}
}
