package io.dataseq.stream;

import io.dataseq.fetch.BatchBuffers;

/**
 * What the prefetch engine hands around for a streaming sequence: a batch's buffers, or the news that the batch lies
 * past the end of the source (the pass has no more batches; its buffers are untouched).
 */
final class StreamSlot {
    final BatchBuffers buffers;
    /** Written by the worker that loads the slot, read by the consumer the engine hands it to. */
    boolean end;

    StreamSlot(BatchBuffers buffers) {
        this.buffers = buffers;
    }
}
