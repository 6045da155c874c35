package io.dataseq.dl4j;

import io.dataseq.DataSeqException;
import io.dataseq.Position;
import io.dataseq.PrefetchSettings;
import io.dataseq.RecordException;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.index.RecordSubset;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.SequenceCore;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageTimings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What {@link DataSetSequence} and {@link MultiDataSetSequence} share: the user's side of the one sequence core,
 * for random access and streaming readers alike. A subclass only turns a delivered batch into DL4J's type.
 *
 * <p><b>Epochs.</b> An epoch starts at the first {@code hasNext()} or {@code next()} and ends at {@link #reset()}
 * (which DL4J's {@code fit(iterator, epochs)} calls between epochs); each epoch has its own seeded order when
 * shuffling. {@code next()} after the last batch throws {@link NoSuchElementException}, never returns null.
 *
 * <p><b>How long a batch stays valid.</b> The arrays that {@code next()} returns are views of a reused buffer: they
 * stay valid until the same thread calls {@code next()} or {@code reset()} again (or the sequence is closed), as with
 * DL4J's own prefetching iterators. Training and evaluation use each batch before the next, so they need nothing
 * more; to keep batches, build with {@code copyBatches(true)} or copy them. A batch used after that throws an
 * {@link IllegalStateException} naming it when the builder's {@code checkStaleBatches} is on (the default when the
 * JVM runs with {@code -ea}), instead of silently reading the records its buffer holds by then.
 *
 * <p><b>Training and validation.</b> A sequence may read only a {@link RecordSubset} of the reader's records
 * (builder {@code subset}, e.g. a {@link io.dataseq.index.Split}'s part); each epoch then delivers each record of
 * the subset exactly once. A validation sequence ({@code validation()}) neither shuffles nor augments: its records'
 * {@link io.dataseq.RecordContext#training()} is false.
 *
 * <p><b>Threads.</b> {@link #asyncSupported()} is false: DL4J would otherwise wrap this iterator in a second
 * prefetch thread of its own. {@code next()} may be called from several threads at once; each batch goes to one of
 * them. The pre-processor runs on the consumer's thread. {@link #close()} stops and joins the worker threads.
 *
 * <p><b>Where the time goes.</b> {@link #timings()} tells, for the epoch in progress (or the last one), the workers'
 * time per stage (read, decode, transform, assemble) and how long the consumer waited for data. When it waited
 * for more than {@link #WAIT_WARNING_SHARE} of an epoch of at least {@link #WAIT_WARNING_MIN_BATCHES} batches, the
 * sequence logs one warning ({@link System.Logger} {@code io.dataseq.dl4j.PrefetchingIterator}) with what to try.
 * {@code progress(true)} draws a bar per epoch on a terminal.
 *
 * <p><b>Streaming readers</b> (see {@code docs/streaming.md}) have every one of these features; while a source is
 * being recorded in its first epoch, the counts it cannot know yet are {@link #UNKNOWN}.
 *
 * @param <T> what {@code next()} returns: a {@code DataSet} or a {@code MultiDataSet}
 */
public abstract class PrefetchingIterator<T> implements Iterator<T>, Serializable, AutoCloseable {
    /** The consumer's share of waiting for data above which an epoch ends with a warning. */
    public static final double WAIT_WARNING_SHARE = 0.3;
    /** Epochs of fewer batches than this are too short to judge: the first batch is always waited for. */
    public static final int WAIT_WARNING_MIN_BATCHES = 8;
    /** A count not known yet: the batches or records of a streaming source that has not been read to its end. */
    public static final int UNKNOWN = PassPlan.UNKNOWN;

    private static final long serialVersionUID = 1L;

    private final transient SequenceCore core;
    private final int batchSize;
    private final List<String> classNames;
    private final boolean training;

    /** Builds the sequence from a generated builder; starts the worker threads. */
    PrefetchingIterator(SequenceBuilder<?, ?> builder) {
        this.core = builder.newCore();
        this.batchSize = builder.batchSize;
        this.training = builder.training;
        this.classNames = builder.classNames != null ? builder.classNames : core.plan().outputs().classNames();
    }

    /** The core this adapter is a view of. */
    final SequenceCore core() {
        return core;
    }

    /**
     * Whether the epoch has another batch. May wait for that batch to be read: a batch whose records were all
     * skipped is passed over, so a {@code true} here is always followed by a batch from {@code next()} on this
     * thread (for a single consumer). A failure to read the batch is thrown by the following {@code next()}.
     *
     * @throws io.dataseq.BatchTimeoutException when the batch it waits for is not ready within the {@code timeout};
     *     a later call waits for the same batch
     * @throws io.dataseq.ConsumerInterruptedException when the waiting thread is interrupted
     * @throws io.dataseq.EngineClosedException when the sequence is closed while it waits
     * @throws io.dataseq.stream.SourceException when a streaming source must be read to its end first and fails
     */
    @Override
    public boolean hasNext() {
        return core.hasNext();
    }

    /**
     * The next batch of the epoch, as {@code view} makes it: a view of the buffer, which this thread holds until its
     * next {@code next()}, or a copy when built with {@code copyBatches}.
     *
     * @throws NoSuchElementException after the last batch (never returns null)
     * @throws RecordException when a record of the batch could not be read under {@link ErrorPolicy#FAIL}
     * @throws io.dataseq.stream.SourceException when a streaming source failed; the epoch ends with it
     * @throws DataSeqException for the engine's other failures (timeout, interruption, closed)
     */
    final T nextBatch(SequenceCore.BatchView<T> view) {
        return core.next(view);
    }

    /** Not supported: a sequence's batch size is fixed when it is built (use the builder's {@code batchSize}). */
    final UnsupportedOperationException fixedBatchSize(int num) {
        return new UnsupportedOperationException("a DataSeq sequence has a fixed batch size of " + batchSize
                + "; build it with batchSize(" + num + ") instead");
    }

    /**
     * Ends the current epoch (if any batch of it was delivered, or it reached its end) and cancels its batches in
     * flight; the next {@code hasNext()} or {@code next()} starts the following epoch, in a new order when
     * shuffling. Every batch handed out before, to any thread, is invalid afterwards (unless built with
     * {@code copyBatches}).
     */
    public void reset() {
        core.reset();
    }

    /**
     * Where this sequence is: the seed, the epoch, and the next batch to deliver. Build a sequence with
     * {@code resumeFrom(position)} to go on from there (after a crash, or on another machine); save it beside a
     * checkpoint with {@link Position#toString()} and {@link Position#parse}.
     */
    public Position position() {
        return core.position();
    }

    /**
     * Stops and joins the worker threads, and closes what the sequence opened (a streaming source, a spilled
     * recording's files); afterwards {@code hasNext()} is false. Idempotent.
     */
    @Override
    public void close() {
        core.close();
    }

    /** True: {@link #reset()} starts the next epoch. */
    public boolean resetSupported() {
        return true;
    }

    /** False: this iterator prefetches on its own workers, and DL4J must not wrap it in another thread. */
    public boolean asyncSupported() {
        return false;
    }

    /** The number of records per batch (the last batch of an epoch may have fewer). */
    public int batch() {
        return batchSize;
    }

    /** The epoch being read (or about to be), counted from 0. */
    public int epoch() {
        return core.epoch();
    }

    /**
     * The number of batches per epoch: {@code stepsPerEpoch} for an endless stream; {@link #UNKNOWN} while a
     * streaming source is being recorded in its first epoch.
     */
    public int batchesPerEpoch() {
        return core.batchesPerEpoch();
    }

    /**
     * The number of records an epoch covers: the subset's size, or the reader's record count without one;
     * {@link #UNKNOWN} while a streaming source is being recorded.
     */
    public int records() {
        return core.records();
    }

    /**
     * The records this sequence reads: the builder's {@code subset}, or every record of the reader; null for a
     * streaming source not recorded yet, or an endless one.
     */
    public RecordSubset subset() {
        return core.subset();
    }

    /**
     * The class names of the first label if it is a class index, in index order: those given to the builder's
     * {@code classNames}, else {@code @Label(names = ...)}, else "0", "1", ...; empty otherwise.
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Whether this sequence reads for training (what {@link io.dataseq.RecordContext#training()} tells the reader);
     * false for a sequence built with {@code training(false)} or {@code validation()}.
     */
    public boolean training() {
        return training;
    }

    /** The records skipped so far under {@link ErrorPolicy#SKIP}, oldest first. */
    public List<SkippedRecord> skipped() {
        return core.skipped();
    }

    /**
     * Writes the records skipped so far to {@code file} as CSV (epoch, record, description, error, message), one row
     * each: exactly what {@link #skipped()} lists.
     */
    public void writeSkipped(Path file) throws IOException {
        core.writeSkipped(file);
    }

    /** How many batch buffers have been allocated so far; at most {@code prefetch + 1}. */
    public int allocatedBuffers() {
        return core.allocatedBuffers();
    }

    /**
     * The worker count and prefetch window in effect now: those given, or {@code AUTO}'s choice so far, which changes
     * during the first epoch and is fixed after it ({@code timings().prefetchTuning()} says which).
     */
    public PrefetchSettings prefetchSettings() {
        return core.prefetchSettings();
    }

    /**
     * Where the time of the epoch in progress went, or of the last epoch between its last batch and the next
     * epoch's first {@code hasNext()}: the workers' time per {@link Stage} (zero when built with
     * {@code timings(false)}), the consumer's wait for data, and the elapsed time. Counts start again with each
     * epoch (and with each pass: a resumed epoch counts from where it resumed).
     */
    public StageTimings timings() {
        return core.timings();
    }
}
