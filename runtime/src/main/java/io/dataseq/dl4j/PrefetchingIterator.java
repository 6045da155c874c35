package io.dataseq.dl4j;

import io.dataseq.DataSeqException;
import io.dataseq.Position;
import io.dataseq.RecordException;
import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.binding.ReaderBinding;
import io.dataseq.binding.ReaderSource;
import io.dataseq.engine.BatchFailedException;
import io.dataseq.engine.PrefetchEngine;
import io.dataseq.engine.PrefetchSettings;
import io.dataseq.fetch.BatchBuffers;
import io.dataseq.fetch.RecordSequence;
import io.dataseq.fetch.SkipReport;
import io.dataseq.fetch.SkippedRecord;
import io.dataseq.index.EpochIndex;
import io.dataseq.index.RecordSubset;
import io.dataseq.index.ShardRemainder;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import io.dataseq.progress.ProgressListener;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageTimings;
import io.dataseq.timing.TimingRecorder;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * What {@link DataSetSequence} and {@link MultiDataSetSequence} share, written once: the pass over an epoch's
 * batches on the prefetch engine, the lookahead over empty batches, the buffers held by consumers, the skip report,
 * the position to resume from, and close. A subclass only turns a delivered {@link BatchBuffers} into DL4J's type.
 *
 * <p><b>Epochs.</b> An epoch starts at the first {@code hasNext()} or {@code next()} and ends at {@link #reset()}
 * (which DL4J's {@code fit(iterator, epochs)} calls between epochs); each epoch has its own seeded order when
 * shuffling. {@code next()} after the last batch throws {@link NoSuchElementException}, never returns null.
 *
 * <p><b>How long a batch stays valid.</b> The arrays that {@code next()} returns are views of a reused buffer: they
 * stay valid until the same thread calls {@code next()} or {@code reset()} again (or the sequence is closed), as with
 * DL4J's own prefetching iterators. Training and evaluation use each batch before the next, so they need nothing
 * more; to keep batches, build with {@code copyBatches(true)} or copy them.
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
 * @param <R> the reader type
 * @param <T> what {@code next()} returns: a {@code DataSet} or a {@code MultiDataSet}
 */
public abstract class PrefetchingIterator<R, T> implements Iterator<T>, Serializable, AutoCloseable {
    /** The consumer's share of waiting for data above which an epoch ends with a warning. */
    public static final double WAIT_WARNING_SHARE = 0.3;
    /** Epochs of fewer batches than this are too short to judge: the first batch is always waited for. */
    public static final int WAIT_WARNING_MIN_BATCHES = 8;

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(PrefetchingIterator.class.getName());

    private final transient RecordSequence<R> sequence;
    private final transient PrefetchEngine<BatchBuffers> engine;
    private final transient SkipReport skipReport = new SkipReport();
    private final transient HeldBatches<BatchBuffers> held;
    private final int batchSize;
    private final boolean copyBatches;
    private final long seed;
    private final transient TimingRecorder timings = new TimingRecorder();
    private final transient boolean timingsOn;
    private final transient ProgressListener progress;
    private volatile boolean closed;
    // Guarded by this: the pass, and the batch hasNext() had to take to know there is one.
    private boolean passStarted;
    private int firstBatchOfNextPass;
    private int deliveredThisPass;
    private boolean epochOpen; // started, its end not yet reported to the timings and the progress listener
    private final transient Lookahead<BatchBuffers> lookahead = new Lookahead<>();

    /** Builds the sequence from a generated builder; starts the worker threads. */
    PrefetchingIterator(Builder<R, ?, ?> builder) {
        Objects.requireNonNull(builder, "builder");
        if (builder.batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + builder.batchSize);
        }
        if (builder.workers < DataSequence.AUTO) {
            throw new IllegalArgumentException("workers must be AUTO (-1) or at least 0, not " + builder.workers);
        }
        if (builder.prefetch < DataSequence.AUTO || builder.prefetch == 0) {
            throw new IllegalArgumentException("prefetch must be AUTO (-1) or at least 1, not " + builder.prefetch);
        }
        int workers = builder.workers == DataSequence.AUTO
                ? Runtime.getRuntime().availableProcessors() : builder.workers;
        int window = builder.prefetch == DataSequence.AUTO ? Math.max(2, 2 * workers) : builder.prefetch;
        ReaderBinding<R> binding = builder.binding;
        int readerRecords = binding.size(builder.readers.first());
        RecordSubset subset = builder.subset == null ? RecordSubset.all(readerRecords) : builder.subset;
        if (subset.limit() > readerRecords) {
            throw new IllegalArgumentException("the subset holds record " + (subset.limit() - 1) + ", but the"
                    + " reader has only " + readerRecords + " records: a subset must come from the reader it is used"
                    + " with");
        }
        EpochIndex index = EpochIndex.builder(subset)
                .batchSize(builder.batchSize)
                .shuffle(builder.shuffle)
                .seed(builder.seed)
                .dropLast(builder.dropLast)
                .shard(builder.shardRank, builder.shardWorld, builder.shardRemainder)
                .build();
        int startEpoch = 0;
        if (builder.resumeFrom != null) {
            Position position = builder.resumeFrom;
            if (position.seed() != builder.seed) {
                throw new IllegalArgumentException("the position was saved by a sequence with seed "
                        + position.seed() + "; this one has seed " + builder.seed);
            }
            if (position.batch() > index.batches()) {
                throw new IllegalArgumentException("the position's batch " + position.batch() + " is past the "
                        + index.batches() + " batches of an epoch of this sequence");
            }
            startEpoch = position.epoch();
            this.firstBatchOfNextPass = position.batch();
        }
        this.seed = builder.seed;
        this.timingsOn = builder.timings;
        this.progress = builder.progress;
        this.sequence = new RecordSequence<>(binding, builder.readers, index, builder.onError, startEpoch,
                builder.training, timingsOn ? timings : null);
        this.engine = new PrefetchEngine<>(
                new PrefetchSettings(workers, window, builder.timeout, Duration.ofSeconds(10)),
                sequence::newBuffers);
        this.held = new HeldBatches<>(engine::release);
        this.batchSize = builder.batchSize;
        this.copyBatches = builder.copyBatches;
    }

    /** How a delivered batch becomes what {@code next()} returns; {@code copy} when it must outlive the buffer. */
    @FunctionalInterface
    interface BatchView<T> {
        T of(BatchBuffers batch, boolean copy);
    }

    /**
     * Whether the epoch has another batch. May wait for that batch to be read: a batch whose records were all
     * skipped is passed over, so a {@code true} here is always followed by a batch from {@code next()} on this
     * thread (for a single consumer). A failure to read the batch is thrown by the following {@code next()}.
     *
     * @throws io.dataseq.engine.BatchTimeoutException when the batch it waits for is not ready within the
     *     {@code timeout}; a later call waits for the same batch
     * @throws io.dataseq.engine.ConsumerInterruptedException when the waiting thread is interrupted
     * @throws io.dataseq.engine.EngineClosedException when the sequence is closed while it waits
     */
    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        synchronized (this) {
            startPassIfNeeded();
            return lookahead.fill(engine::hasNext, this::timedNext, this::passOverEmpty,
                    e -> e instanceof RecordException || e instanceof BatchFailedException);
        }
    }

    /**
     * The next batch of the epoch, as {@code view} makes it: a view of the buffer, which this thread holds until its
     * next {@code next()}, or a copy when built with {@code copyBatches}.
     *
     * @throws NoSuchElementException after the last batch (never returns null)
     * @throws RecordException when a record of the batch could not be read under {@link ErrorPolicy#FAIL}
     * @throws DataSeqException for the engine's other failures (timeout, interruption, closed)
     */
    final T nextBatch(BatchView<T> view) {
        held.releaseThisThread();
        BatchBuffers batch;
        synchronized (this) {
            if (closed) {
                // What hasNext() took before close() is not handed out: the engine below throws EngineClosed.
                lookahead.forget();
            }
            if (lookahead.failed()) {
                deliveredThisPass++;
            }
            batch = lookahead.take();
            if (batch == null) {
                startPassIfNeeded();
            }
        }
        while (batch == null) {
            BatchBuffers candidate = takeFromEngine();
            if (candidate.rows() > 0) {
                batch = candidate;
            } else {
                synchronized (this) {
                    consumed(candidate);
                }
                engine.release(candidate);
            }
        }
        synchronized (this) {
            consumed(batch);
        }
        T delivered = view.of(batch, copyBatches);
        held.delivered(batch, copyBatches);
        return delivered;
    }

    /** Not supported: a sequence's batch size is fixed when it is built (use the builder's {@code batchSize}). */
    final UnsupportedOperationException fixedBatchSize(int num) {
        return new UnsupportedOperationException("a DataSeq sequence has a fixed batch size of " + batchSize
                + "; build it with batchSize(" + num + ") instead");
    }

    /**
     * Ends the current epoch (if any batch of it was delivered) and cancels its batches in flight; the next
     * {@code hasNext()} or {@code next()} starts the following epoch, in a new order when shuffling. Every batch
     * handed out before, to any thread, is invalid afterwards (unless built with {@code copyBatches}).
     */
    public void reset() {
        synchronized (this) {
            held.releaseAll();
            lookahead.release(engine::release);
            engine.cancel();
            endEpochIfOpen();
            boolean exhausted = passStarted && firstBatchOfNextPass + deliveredThisPass >= sequence.size();
            if (passStarted && (deliveredThisPass > 0 || exhausted)) {
                sequence.onEpochEnd();
                firstBatchOfNextPass = 0;
            }
            passStarted = false;
            deliveredThisPass = 0;
        }
    }

    /**
     * Where this sequence is: the seed, the epoch, and the next batch to deliver. Build a sequence with
     * {@code resumeFrom(position)} to go on from there (after a crash, or on another machine).
     */
    public synchronized Position position() {
        int next = passStarted ? firstBatchOfNextPass + deliveredThisPass : firstBatchOfNextPass;
        // An exhausted pass has ended its epoch, as reset() will record, even when it had nothing to deliver.
        if (passStarted && next >= sequence.size()) {
            return new Position(seed, sequence.epoch() + 1, 0);
        }
        return new Position(seed, sequence.epoch(), next);
    }

    /** Stops and joins the worker threads; afterwards {@code hasNext()} is false. Idempotent. */
    @Override
    public void close() {
        closed = true;
        held.forget();
        engine.close();
        synchronized (this) {
            endEpochIfOpen();
        }
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
        return sequence.epoch();
    }

    /** The number of batches per epoch. */
    public int batchesPerEpoch() {
        return sequence.size();
    }

    /** The number of records an epoch covers: the subset's size, or the reader's record count without one. */
    public int records() {
        return sequence.index().records();
    }

    /** The records this sequence reads: the builder's {@code subset}, or every record of the reader. */
    public RecordSubset subset() {
        return sequence.index().subset();
    }

    /**
     * Whether this sequence reads for training (what {@link io.dataseq.RecordContext#training()} tells the reader);
     * false for a sequence built with {@code training(false)} or {@code validation()}.
     */
    public boolean training() {
        return sequence.training();
    }

    /** The records skipped so far under {@link ErrorPolicy#SKIP}, oldest first. */
    public List<SkippedRecord> skipped() {
        return skipReport.records();
    }

    /**
     * Writes the records skipped so far to {@code file} as CSV (epoch, record, description, error, message), one row
     * each: exactly what {@link #skipped()} lists.
     */
    public void writeSkipped(Path file) throws IOException {
        SkipReport.writeCsv(skipped(), file);
    }

    /** How many batch buffers have been allocated so far; at most {@code prefetch + 1}. */
    public int allocatedBuffers() {
        return engine.allocatedSlots();
    }

    /** The worker count and prefetch window in effect, after {@code AUTO} was resolved. */
    public PrefetchSettings prefetchSettings() {
        return engine.settings();
    }

    /**
     * Where the time of the epoch in progress went, or of the last epoch between its last batch and the next
     * epoch's first {@code hasNext()}: the workers' time per {@link Stage} (zero when built with
     * {@code timings(false)}), the consumer's wait for data, and the elapsed time. Counts start again with each
     * epoch (and with each pass: a resumed epoch counts from where it resumed).
     */
    public StageTimings timings() {
        return timings.snapshot();
    }

    private void startPassIfNeeded() {
        if (!passStarted) {
            endEpochIfOpen();
            timings.startEpoch(sequence.epoch());
            engine.start(firstBatchOfNextPass, sequence.size(), sequence::get);
            passStarted = true;
            epochOpen = true;
            if (progress != ProgressListener.NONE) {
                progress.epochStarted(sequence.epoch(), recordsToDeliver(firstBatchOfNextPass));
            }
        }
    }

    /** The records of batches {@code first ..} of the epoch: full batches, and the last as the index plans it. */
    private long recordsToDeliver(int first) {
        int batches = sequence.size();
        if (first >= batches) {
            return 0;
        }
        int last = sequence.index().recordsOf(sequence.epoch(), batches - 1, new int[batchSize]);
        return (long) (batches - 1 - first) * batchSize + last;
    }

    /** For hasNext(): the engine's next batch, its wait timed; a failure is thrown by the next next(). */
    private BatchBuffers timedNext() {
        long waitStart = System.nanoTime();
        try {
            return engine.next();
        } finally {
            timings.addConsumerWait(System.nanoTime() - waitStart);
        }
    }

    /** Guarded by this. Passes over a batch whose records were all skipped; keeps any other. */
    private boolean passOverEmpty(BatchBuffers batch) {
        if (batch.rows() > 0) {
            return false;
        }
        consumed(batch);
        engine.release(batch);
        return true;
    }

    private BatchBuffers takeFromEngine() {
        long waitStart = System.nanoTime();
        try {
            return engine.next();
        } catch (RecordException | BatchFailedException e) {
            synchronized (this) {
                deliveredThisPass++; // the failed batch counts as handed out: resuming skips past it
            }
            throw e;
        } finally {
            timings.addConsumerWait(System.nanoTime() - waitStart);
        }
    }

    /** Guarded by this. A batch reaches the consumer (or is passed over, empty): its skips become final. */
    private void consumed(BatchBuffers batch) {
        deliveredThisPass++;
        batch.skipped().forEach(skipReport::add);
        if (batch.rows() > 0 && progress != ProgressListener.NONE) {
            progress.batchDelivered(batch.rows());
        }
        if (firstBatchOfNextPass + deliveredThisPass >= sequence.size()) {
            endEpochIfOpen();
        }
    }

    /** Guarded by this. Stops the epoch's clock, warns when the consumer was starved, closes the progress bar. */
    private void endEpochIfOpen() {
        if (!epochOpen) {
            return;
        }
        epochOpen = false;
        timings.endEpoch();
        StageTimings epochTimings = timings.snapshot();
        if (deliveredThisPass >= WAIT_WARNING_MIN_BATCHES && epochTimings.consumerWaitShare() > WAIT_WARNING_SHARE) {
            warnStarved(epochTimings);
        }
        if (progress != ProgressListener.NONE) {
            progress.epochEnded(epochTimings);
        }
    }

    private void warnStarved(StageTimings epoch) {
        PrefetchSettings settings = engine.settings();
        StringBuilder perRecord = new StringBuilder();
        if (timingsOn) {
            perRecord.append(" Per record, the workers spent");
            for (Stage stage : Stage.values()) {
                perRecord.append(stage.ordinal() == 0 ? " " : ", ")
                        .append(String.format(Locale.ROOT, "%.1f us in %s", epoch.perRecord(stage).toNanos() / 1e3,
                                stage.name().toLowerCase(Locale.ROOT)));
            }
            perRecord.append('.');
        }
        LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT, "the consumer waited for data %.0f%% of"
                + " epoch %d (%.2f s of %.2f s): the workers cannot keep up with it.%s Try more workers (now %d),"
                + " a larger prefetch (now %d), or less decoding per record (images declared at the size the model"
                + " needs, reducedDecode for large JPEGs, lighter augmentation).", 100 * epoch.consumerWaitShare(),
                epoch.epoch(), epoch.consumerWait().toNanos() / 1e9, epoch.elapsed().toNanos() / 1e9, perRecord,
                settings.workers(), settings.window()));
    }

    /**
     * Settings of a sequence, starting from the reader's {@code @DataSequence} values; the builders of
     * {@link DataSetSequence} and {@link MultiDataSetSequence}, and through them the generated ones, extend it.
     *
     * @param <R> the reader type
     * @param <S> the generated sequence type
     * @param <B> the generated builder type
     */
    public abstract static class Builder<R, S extends PrefetchingIterator<R, ?>, B extends Builder<R, S, B>> {
        final ReaderBinding<R> binding;
        final ReaderSource<R> readers;
        int batchSize = 32;
        boolean shuffle;
        long seed;
        boolean dropLast;
        int workers = DataSequence.AUTO;
        int prefetch = DataSequence.AUTO;
        ErrorPolicy onError = ErrorPolicy.FAIL;
        Duration timeout;
        boolean copyBatches;
        Position resumeFrom;
        int shardRank;
        int shardWorld = 1;
        ShardRemainder shardRemainder = ShardRemainder.PAD;
        RecordSubset subset;
        boolean training = true;
        boolean timings = true;
        ProgressListener progress = ProgressListener.NONE;

        /**
         * Starts from the runtime's defaults, with readers from {@code readers}: shared, or one per worker thread
         * ({@link ReaderSource#perWorker}).
         */
        Builder(ReaderBinding<R> binding, ReaderSource<R> readers) {
            this.binding = Objects.requireNonNull(binding, "binding");
            this.readers = Objects.requireNonNull(readers, "readers");
        }

        /** This builder, typed as the generated builder. */
        protected abstract B self();

        /** Builds the sequence and starts its worker threads; close it when done. */
        public abstract S build();

        /** Records per batch, at least 1. See {@link DataSequence#batchSize()}. */
        public final B batchSize(int batchSize) {
            this.batchSize = batchSize;
            return self();
        }

        /** Whether each epoch has its own seeded order. See {@link DataSequence#shuffle()}. */
        public final B shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return self();
        }

        /** The seed of the order and of each record's random numbers. See {@link DataSequence#seed()}. */
        public final B seed(long seed) {
            this.seed = seed;
            return self();
        }

        /** Whether to leave out a last, smaller batch. See {@link DataSequence#dropLast()}. */
        public final B dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return self();
        }

        /** Worker threads; {@link DataSequence#AUTO} for one per processor, 0 for the caller's thread. */
        public final B workers(int workers) {
            this.workers = workers;
            return self();
        }

        /** Batches read ahead (at least 1); {@link DataSequence#AUTO} for two per worker. */
        public final B prefetch(int prefetch) {
            this.prefetch = prefetch;
            return self();
        }

        /** What a reader's exception does. See {@link DataSequence#onError()}. */
        public final B onError(ErrorPolicy onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return self();
        }

        /**
         * The longest {@code next()} (or {@code hasNext()}, which may wait for the next batch) waits for one batch
         * before it throws
         * {@link io.dataseq.engine.BatchTimeoutException}; null (the default) waits as long as it takes.
         */
        public final B timeout(Duration timeout) {
            this.timeout = timeout;
            return self();
        }

        /**
         * Whether {@code next()} returns a copy of each batch that stays valid for ever (default false: views of a
         * reused buffer, valid until the same thread's next {@code next()}). Costs one copy per batch.
         */
        public final B copyBatches(boolean copyBatches) {
            this.copyBatches = copyBatches;
            return self();
        }

        /**
         * Resumes from a {@link PrefetchingIterator#position()} saved earlier: this sequence delivers exactly the
         * batches the saved one had not, then the following epochs. The reader and the settings must be the same (the
         * seed is checked). To start at the beginning of an epoch {@code e}, pass {@code new Position(seed, e, 0)}.
         */
        public final B resumeFrom(Position position) {
            this.resumeFrom = Objects.requireNonNull(position, "position");
            return self();
        }

        /**
         * Reads only shard {@code rank} of {@code world} (default 0 of 1), for data-parallel training: every
         * {@code world}-th record of each epoch's order, starting at {@code rank}. The shards of one epoch are
         * disjoint and cover every record; all ranks must use the same seed. When the record count is not a
         * multiple of {@code world}, {@code remainder} says what happens: {@link ShardRemainder#PAD} repeats records
         * from the start of the epoch's order so every shard has as many (PyTorch's {@code DistributedSampler}),
         * {@link ShardRemainder#DROP} leaves the last few out.
         */
        public final B shard(int rank, int world, ShardRemainder remainder) {
            if (world < 1 || rank < 0 || rank >= world) {
                throw new IllegalArgumentException("shard " + rank + " of " + world + ": need 0 <= rank < world");
            }
            this.shardRank = rank;
            this.shardWorld = world;
            this.shardRemainder = Objects.requireNonNull(remainder, "remainder");
            return self();
        }

        /**
         * Reads only the records of {@code subset} (default: every record of the reader), e.g. a
         * {@link io.dataseq.index.Split}'s {@code train()} or {@code validation()}. Each epoch delivers each of them
         * exactly once, in the subset's order or, when shuffling, in a seeded permutation of it; shards, resume
         * positions and {@code dropLast} apply to the subset. Record numbers stay the reader's own: a record reads
         * the same (and draws the same random numbers) in the subset as in the whole reader. The subset must fit
         * the reader ({@link RecordSubset#limit()} at most its size), checked at {@code build()}; a position saved
         * by a sequence over one subset only fits a sequence over the same subset.
         */
        public final B subset(RecordSubset subset) {
            this.subset = Objects.requireNonNull(subset, "subset");
            return self();
        }

        /**
         * Whether the reader is told it is training (default true): what {@link io.dataseq.RecordContext#training()}
         * returns for each record. Set false for validation and evaluation, so that a reader that augments only
         * when training sees each record as it is.
         */
        public final B training(boolean training) {
            this.training = training;
            return self();
        }

        /**
         * Whether the workers time each stage of each record for {@link PrefetchingIterator#timings()} (default
         * true: a few {@code System.nanoTime()} calls per record, well under a microsecond). The consumer's wait is
         * always timed.
         */
        public final B timings(boolean timings) {
            this.timings = timings;
            return self();
        }

        /**
         * Whether to draw a progress bar per epoch on the console (standard error), with records/s and the time
         * left: {@link ProgressListener#console()}, which needs {@code me.tongfei:progressbar} on the class path and
         * draws nothing when the output is not a terminal. Default false: no bar, and no cost.
         */
        public final B progress(boolean progress) {
            this.progress = progress ? ProgressListener.console() : ProgressListener.NONE;
            return self();
        }

        /** Tells {@code listener} of each epoch's start, each batch handed out, and each epoch's end. */
        public final B progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return self();
        }

        /**
         * Settings for validation or evaluation: no shuffle, no augmentation ({@code training(false)}), and every
         * record delivered ({@code dropLast(false)}). The same as calling the three; call it before any setting that
         * should differ.
         */
        public final B validation() {
            return shuffle(false).training(false).dropLast(false);
        }
    }
}
