package io.dataseq.internal.engine;

/**
 * The workers' time a {@link PrefetchEngine} added up while measuring, from its start: what the {@code AUTO} tuner
 * reads at each of its steps and subtracts from the previous reading.
 *
 * @param loadNanos time spent loading batches, summed over the workers
 * @param heldBackNanos time active workers waited while the pass had batches left but none was queued: the window
 *     (or the buffers, all in use) held them back; summed over the workers
 */
public record WorkerTime(long loadNanos, long heldBackNanos) {

    /** What was added from {@code earlier} to this reading. */
    public WorkerTime since(WorkerTime earlier) {
        return new WorkerTime(loadNanos - earlier.loadNanos, heldBackNanos - earlier.heldBackNanos);
    }
}
