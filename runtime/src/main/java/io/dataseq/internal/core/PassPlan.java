package io.dataseq.internal.core;

import io.dataseq.index.RecordSubset;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.fetch.BatchBuffers;

/**
 * What differs between kinds of readers, and nothing else: which batches an epoch has and how each one is loaded.
 * The {@link SequenceCore} owns everything around it (the pass lifecycle, lookahead, held batches, skip report,
 * position, timings, progress); a plan is the strategy it is given. Plans: an index over a random access reader
 * ({@link IndexedPlan}), a source recorded in its first epoch and then read as random access, and an endless
 * stream read {@code stepsPerEpoch} batches at a time.
 *
 * <p>The core calls {@link #pass}, {@link #delivered} and {@link #close} on the consumer's side under its lock; the
 * loader a pass returns runs on the prefetch engine's workers, several at once.
 */
public interface PassPlan extends AutoCloseable {
    /** A count that is not known yet: a streaming source that has not been read to its end. */
    int UNKNOWN = -1;

    /** The batches of {@code epoch}, or {@link #UNKNOWN} until the source has been read to its end. */
    int batches(int epoch);

    /** The records each epoch covers, or {@link #UNKNOWN}. */
    int records();

    /** The records this plan reads, as a subset of the reader's; null when they are not known (a stream). */
    RecordSubset subset();

    /** The records that batches {@code first ..} of {@code epoch} hold, or {@link #UNKNOWN}. */
    long recordsFrom(int epoch, int first);

    /** The reader's bound outputs: names, shapes, class names. */
    ReaderBinding<?> outputs();

    /** Allocates the buffers of one batch. */
    BatchBuffers newBuffers();

    /**
     * Prepares a pass over {@code epoch} from batch {@code first} and returns the loader of its batches (each fills
     * the buffers it is given for a batch number, or marks them {@link BatchBuffers#markPastEnd() past the end}).
     * May take time: a source that must be read to its end first is read here.
     *
     * @throws IllegalArgumentException when {@code first} is past the epoch's batches (a position that does not fit)
     */
    BatchLoader<BatchBuffers> pass(int epoch, int first);

    /** Batches {@code .. next - 1} of {@code epoch} have reached the consumer: what only they needed may go. */
    default void delivered(int epoch, int next) {}

    /** Releases what the plan holds (a source, temporary files). */
    @Override
    default void close() {}
}
