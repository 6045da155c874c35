package io.dataseq.internal;

/**
 * Where a record store keeps one record's image, bound by {@link ReaderBinding.Builder#storedImage}.
 *
 * @param <R> what the store is read with
 */
@FunctionalInterface
public interface StoredPixelsMethod<R> {
    /**
     * {@code record}'s 8-bit pixels: a buffer whose position is the image's first byte (rows, columns, channels in
     * OpenCV's order).
     */
    java.nio.ByteBuffer pixels(R reader, int record) throws Exception;
}
