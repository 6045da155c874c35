package io.dataseq.internal.fetch;

/**
 * A batch handed to a consumer as views of reused {@link BatchBuffers}, which stay valid until the buffers go back to
 * the pool (the same thread's next {@code next()}, {@code reset()}, {@code close()}). {@link #check()} tells a use
 * after that from a valid one, as DL4J's workspace checks tell an array used outside its workspace: the batch's
 * arrays would silently hold other records by then. Cheap: one volatile read and a comparison.
 */
public final class BatchLease {
    private final BatchBuffers buffers;
    private final int generation;
    private final int epoch;
    private final int batch;
    private final String holder;

    BatchLease(BatchBuffers buffers, int generation, String holder) {
        this.buffers = buffers;
        this.generation = generation;
        this.epoch = buffers.epoch();
        this.batch = buffers.batch();
        this.holder = holder;
    }

    /**
     * Does nothing while the batch is valid.
     *
     * @throws IllegalStateException once its buffers were recycled, naming the batch, the thread it was handed to,
     *     the thread using it, and the fix
     */
    public void check() {
        if (buffers.generation() != generation) {
            throw new IllegalStateException("batch " + batch + " of epoch " + epoch + " was used after its buffer"
                    + " was recycled: it was handed to thread \"" + holder + "\", which has called next() (or"
                    + " reset() or close() was called) since, so its arrays hold other records now; used from thread"
                    + " \"" + Thread.currentThread().getName() + "\". A batch's arrays are views of a reused buffer,"
                    + " valid until the same thread's next next(): finish with a batch before asking for the next,"
                    + " keep a copy (dataSet.copy()), or build the sequence with copyBatches(true). (This check is"
                    + " checkStaleBatches, on by default when the JVM runs with -ea.)");
        }
    }

    @Override
    public String toString() {
        return "batch " + batch + " of epoch " + epoch + " handed to " + holder;
    }
}
