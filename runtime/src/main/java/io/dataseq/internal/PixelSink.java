package io.dataseq.internal;

import java.nio.ByteBuffer;

/** Where an image's 8-bit pixels go while a record store is written (see {@link Output#storingPixels}). */
@FunctionalInterface
public interface PixelSink {
    /**
     * Keeps {@code record}'s pixels: the bytes from {@code pixels}' position to its limit. Called from worker
     * threads, several at once, each with its own buffer, which it reuses once this returns.
     */
    void put(int record, ByteBuffer pixels);
}
