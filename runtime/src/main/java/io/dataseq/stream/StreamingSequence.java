package io.dataseq.stream;

import io.dataseq.RecordException;
import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.binding.ReaderBinding;
import io.dataseq.binding.ReaderSource;
import io.dataseq.dl4j.DataSets;
import io.dataseq.dl4j.HeldBatches;
import io.dataseq.dl4j.Lookahead;
import io.dataseq.engine.BatchFailedException;
import io.dataseq.engine.PrefetchEngine;
import io.dataseq.engine.PrefetchSettings;
import io.dataseq.fetch.BatchBuffers;
import io.dataseq.fetch.RecordSequence;
import io.dataseq.fetch.SkipReport;
import io.dataseq.fetch.SkippedRecord;
import io.dataseq.index.EpochIndex;
import io.dataseq.index.RecordSubset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalInt;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The Deeplearning4j iterator of a reader that cannot seek: its records come from a {@link DescriptorSource} of
 * light descriptors, pulled one at a time under a lock, while the reader's methods turn each descriptor into values
 * on the prefetch engine's workers, several at once. Every descriptor is delivered exactly once per epoch, in source
 * order, for any worker count.
 *
 * <p><b>Recording (a finite source, the default).</b> The first epoch streams the source in its order and keeps
 * every descriptor (about the size of the descriptors in memory). When that epoch reaches the end of the source the
 * sequence knows its size, and from the next epoch on it reads the kept descriptors like a random access reader:
 * {@code record = position in the source}, a fixed number of batches, shuffled per (seed, epoch) when
 * {@code shuffle} is set, without opening the source again. With {@code spillTo(directory, codec)} the recording is
 * kept on disk instead, in temporary files deleted by {@link #close()}. An epoch that ends before the source does (a
 * {@code reset()} midway, a failing source) records nothing: the next epoch streams the source again from its start.
 *
 * <p><b>Streaming ({@code stepsPerEpoch(n)}, for endless or very long sources).</b> Every epoch is {@code n} batches
 * pulled from the source where the previous epoch stopped; nothing is kept beyond the batches in flight. A finite
 * source is opened again when it ends (an empty one ends the epoch).
 *
 * <p>Batches are views of reused buffers, valid until the same thread's next {@code next()} (or build with
 * {@code copyBatches}); {@code next()} after the last batch throws {@link NoSuchElementException}; a source that
 * fails reaches {@code next()} as a {@link SourceException} naming the position; {@link #close()} joins the
 * workers. {@link #asyncSupported()} is false: the sequence prefetches on its own.
 *
 * @param <R> the reader type
 * @param <D> the descriptor type
 */
public abstract class StreamingSequence<R, D> implements DataSetIterator, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient DescriptorBinding<R, D> binding;
    private final transient ReaderSource<R> readers;
    private final transient DescriptorStore<D> store;
    private final transient PrefetchEngine<StreamSlot> engine;
    private final transient SkipReport skipReport = new SkipReport();
    private final transient HeldBatches<StreamSlot> held;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int stepsPerEpoch;
    private final ErrorPolicy onError;
    private final boolean training;
    private final boolean copyBatches;
    private final List<String> classNames;
    private final int inputColumns;
    private final int totalOutcomes;
    private transient DataSetPreProcessor preProcessor;
    private volatile boolean closed;
    // Guarded by this.
    private int epoch;
    private boolean passStarted;
    /** The pass saw the end of the source, or the source failed: no more batches this epoch. */
    private boolean passEnded;
    private int deliveredThisPass;
    /** Streaming: the source position of the current epoch's first record. */
    private long firstPositionOfEpoch;
    /** Once a finite source is recorded: the random access sequence over its descriptors. */
    private transient RecordSequence<StoredRecords<R, D>> recorded;
    private final transient Lookahead<StreamSlot> lookahead = new Lookahead<>();

    /** Builds the sequence from a generated builder; starts the worker threads. */
    protected StreamingSequence(Builder<R, D, ?, ?> builder) {
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
        if (builder.stepsPerEpoch < 0) {
            throw new IllegalArgumentException("stepsPerEpoch must be at least 1, or 0 to record a finite source;"
                    + " not " + builder.stepsPerEpoch);
        }
        if ((long) builder.stepsPerEpoch * builder.batchSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stepsPerEpoch " + builder.stepsPerEpoch + " of batchSize "
                    + builder.batchSize + " is more than 2^31 - 1 records per epoch");
        }
        int workers = builder.workers == DataSequence.AUTO
                ? Runtime.getRuntime().availableProcessors() : builder.workers;
        int window = builder.prefetch == DataSequence.AUTO ? Math.max(2, 2 * workers) : builder.prefetch;
        this.binding = builder.binding;
        this.readers = builder.readers;
        this.batchSize = builder.batchSize;
        this.shuffle = builder.shuffle;
        this.seed = builder.seed;
        this.dropLast = builder.dropLast;
        this.stepsPerEpoch = builder.stepsPerEpoch;
        this.onError = builder.onError;
        this.training = builder.training;
        this.copyBatches = builder.copyBatches;
        ReaderBinding<StoredRecords<R, D>> records = binding.records();
        this.classNames = records.classNames();
        this.inputColumns = records.features().get(0).length();
        this.totalOutcomes = records.labels().isEmpty() ? 0 : records.labels().get(0).length();
        if (builder.spillDirectory != null && stepsPerEpoch > 0) {
            throw new IllegalArgumentException("spillTo keeps a recording on disk, and with stepsPerEpoch "
                    + stepsPerEpoch + " nothing is recorded; leave out one of them");
        }
        this.store = new DescriptorStore<>(builder.source, stepsPerEpoch > 0, builder.spillDirectory == null
                ? null : DescriptorSpill.create(builder.spillDirectory, builder.spillCodec));
        this.engine = new PrefetchEngine<>(
                new PrefetchSettings(workers, window, builder.timeout, Duration.ofSeconds(10)),
                () -> new StreamSlot(new BatchBuffers(batchSize, records.features(), records.labels())));
        this.held = new HeldBatches<>(engine::release);
    }

    /**
     * Whether the epoch has another batch. May wait for it (and pull from the source): a batch whose records were
     * all skipped is passed over, so a {@code true} here is always followed by a batch from {@code next()} on this
     * thread (for a single consumer). A failure to read the batch is thrown by the following {@code next()}.
     */
    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        synchronized (this) {
            startPassIfNeeded();
            return lookahead.fill(() -> !passEnded && engine.hasNext(), this::take, this::passOver,
                    e -> e instanceof RecordException || e instanceof BatchFailedException
                            || e instanceof SourceException);
        }
    }

    /**
     * The next batch of the epoch.
     *
     * @throws NoSuchElementException after the last batch (never returns null)
     * @throws RecordException when a record could not be read under {@link ErrorPolicy#FAIL}; names the record, and
     *     in its description the descriptor's source position
     * @throws SourceException when the source failed; names the position; the epoch ends with it
     */
    @Override
    public DataSet next() {
        held.releaseThisThread();
        StreamSlot batch;
        synchronized (this) {
            if (closed) {
                lookahead.forget();
            }
            batch = lookahead.take();
            if (batch == null) {
                startPassIfNeeded();
            }
        }
        while (batch == null) {
            synchronized (this) {
                if (passEnded && !closed) {
                    throw new NoSuchElementException("epoch " + epoch + " has ended: call reset() for the next");
                }
            }
            StreamSlot candidate = take();
            synchronized (this) {
                if (!passOver(candidate)) {
                    batch = candidate;
                }
            }
        }
        synchronized (this) {
            consumed(batch);
        }
        DataSet dataSet = DataSets.of(batch.buffers, copyBatches);
        held.delivered(batch, copyBatches);
        DataSetPreProcessor pre = preProcessor;
        if (pre != null) {
            pre.preProcess(dataSet);
        }
        return dataSet;
    }

    /** Not supported: a sequence's batch size is fixed when it is built. */
    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("a DataSeq sequence has a fixed batch size of " + batchSize
                + "; build it with batchSize(" + num + ") instead");
    }

    /**
     * Ends the current epoch (if any batch of it was delivered, or it reached its end) and cancels its batches in
     * flight. A recording epoch that covered the whole source makes the sequence random access from the next epoch
     * on; one that did not is streamed again from the source's start. A streaming epoch's successor starts right
     * after the last batch delivered. Every batch handed out before is invalid afterwards (unless copied).
     */
    @Override
    public void reset() {
        synchronized (this) {
            held.releaseAll();
            lookahead.release(engine::release);
            engine.cancel();
            boolean ended = passEnded || (stepsPerEpoch > 0 && deliveredThisPass >= stepsPerEpoch)
                    || (recorded != null && deliveredThisPass >= recorded.size());
            if (passStarted && (deliveredThisPass > 0 || ended)) {
                endEpoch();
            }
            passStarted = false;
            passEnded = false;
            deliveredThisPass = 0;
        }
    }

    /**
     * Stops and joins the worker threads, closes the source and deletes a spilled recording's files; afterwards
     * {@code hasNext()} is false.
     */
    @Override
    public void close() {
        closed = true;
        held.forget();
        try {
            engine.close();
        } finally {
            store.close();
        }
    }

    /** The epoch being read (or about to be), counted from 0. */
    public synchronized int epoch() {
        return epoch;
    }

    /**
     * Whether the source has been recorded: the sequence now reads its kept descriptors by position, knows its size,
     * and shuffles like a random access sequence. Never true with {@code stepsPerEpoch}.
     */
    public synchronized boolean recorded() {
        return recorded != null;
    }

    /** The number of records an epoch covers, once known: after recording, or never when streaming. */
    public synchronized OptionalInt records() {
        return recorded == null ? OptionalInt.empty() : OptionalInt.of(recorded.index().records());
    }

    /**
     * The number of batches per epoch, once known: {@code stepsPerEpoch} when streaming (fewer only if the source is
     * empty), the recorded size's batches after recording, unknown while recording.
     */
    public synchronized OptionalInt batchesPerEpoch() {
        if (stepsPerEpoch > 0) {
            return OptionalInt.of(stepsPerEpoch);
        }
        return recorded == null ? OptionalInt.empty() : OptionalInt.of(recorded.size());
    }

    /** How many descriptors have been pulled from the source so far (since the recording last started over). */
    public long descriptorsPulled() {
        return store.pulled();
    }

    /** The records skipped so far under {@link ErrorPolicy#SKIP}, oldest first. */
    public List<SkippedRecord> skipped() {
        return skipReport.records();
    }

    /** How many batch buffers have been allocated so far; at most {@code prefetch + 1}. */
    public int allocatedBuffers() {
        return engine.allocatedSlots();
    }

    /** The worker count and prefetch window in effect, after {@code AUTO} was resolved. */
    public PrefetchSettings prefetchSettings() {
        return engine.settings();
    }

    @Override
    public int inputColumns() {
        return inputColumns;
    }

    @Override
    public int totalOutcomes() {
        return totalOutcomes;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** False: this iterator prefetches on its own workers, and DL4J must not wrap it in another thread. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** The class names of a class-index label, in index order; null when the first label is not one. */
    @Override
    public List<String> getLabels() {
        return classNames.isEmpty() ? null : classNames;
    }

    /** Guarded by this. */
    private void startPassIfNeeded() {
        if (passStarted) {
            return;
        }
        passStarted = true;
        passEnded = false;
        deliveredThisPass = 0;
        if (recorded != null) {
            RecordSequence<StoredRecords<R, D>> sequence = recorded;
            sequence.setEpoch(epoch);
            engine.start(0, sequence.size(), (batch, slot) -> {
                slot.end = false;
                sequence.get(batch, slot.buffers);
            });
        } else if (stepsPerEpoch > 0) {
            engine.start(0, stepsPerEpoch, streamLoader(firstPositionOfEpoch, epoch));
        } else {
            store.restart(); // a recording starts at the source's first descriptor
            engine.start(0, Integer.MAX_VALUE, streamLoader(0, epoch));
        }
    }

    /**
     * Loads batch {@code b} of a streamed pass: the descriptors at {@code first + b * batchSize ..}, pulled in
     * order by whichever worker needs them first, read as records {@code b * batchSize ..} of the pass.
     */
    private PrefetchEngine.Loader<StreamSlot> streamLoader(long first, int passEpoch) {
        ReaderSource<StoredRecords<R, D>> view = ReaderSource.shared(new StoredRecords<>(readers, store, first));
        ReaderBinding<StoredRecords<R, D>> records = binding.records();
        return (batch, slot) -> {
            long from = first + (long) batch * batchSize;
            long available = store.ensure(from + batchSize) - from;
            int rows = (int) Math.max(0, Math.min(batchSize, available));
            slot.end = rows == 0 || (dropLast && rows < batchSize);
            if (slot.end) {
                return;
            }
            int record = (int) (from - first);
            EpochIndex one = EpochIndex.builder(RecordSubset.range(record, record + rows)).batchSize(batchSize)
                    .build();
            new RecordSequence<>(records, view, one, onError, passEpoch, training).get(0, slot.buffers);
        };
    }

    /** Takes the next slot from the engine; a failed batch counts as handed out, a failed source ends the pass. */
    private StreamSlot take() {
        try {
            return engine.next();
        } catch (RecordException e) {
            synchronized (this) {
                deliveredThisPass++;
            }
            throw e;
        } catch (BatchFailedException e) {
            synchronized (this) {
                deliveredThisPass++;
                if (e.getCause() instanceof SourceException source) {
                    passEnded = true;
                    engine.cancel();
                    throw source;
                }
            }
            throw e;
        }
    }

    /** Guarded by this: passes over a slot past the end of the source, or with every record skipped. */
    private boolean passOver(StreamSlot slot) {
        if (slot.end) {
            endOfSource(slot);
            return true;
        }
        if (slot.buffers.rows() > 0) {
            return false;
        }
        consumed(slot);
        engine.release(slot);
        return true;
    }

    /** Guarded by this: the pass met the end of the source. */
    private void endOfSource(StreamSlot slot) {
        passEnded = true;
        engine.release(slot);
        engine.cancel(); // every later batch is past the end too
    }

    /** Guarded by this: a batch reaches the consumer (or is passed over, empty); its skips become final. */
    private void consumed(StreamSlot batch) {
        deliveredThisPass++;
        batch.buffers.skipped().forEach(skipReport::add);
        if (stepsPerEpoch > 0) {
            store.trimBefore(firstPositionOfEpoch + (long) deliveredThisPass * batchSize);
        }
    }

    /** Guarded by this: what the next epoch reads. */
    private void endEpoch() {
        if (stepsPerEpoch > 0) {
            firstPositionOfEpoch = Math.min(firstPositionOfEpoch + (long) deliveredThisPass * batchSize,
                    store.pulled());
            store.trimBefore(firstPositionOfEpoch);
            if (store.exhausted() || store.failed()) {
                store.reopen();
            }
        } else if (recorded == null && coveredWholeSource()) {
            int size = (int) store.pulled();
            EpochIndex index = EpochIndex.builder(size).batchSize(batchSize).shuffle(shuffle).seed(seed)
                    .dropLast(dropLast).build();
            recorded = new RecordSequence<>(binding.records(),
                    ReaderSource.shared(new StoredRecords<>(readers, store, 0)), index, onError, epoch + 1,
                    training);
        }
        epoch++;
    }

    /**
     * Guarded by this: whether the recording epoch delivered every batch the source has. Decided from the batches
     * delivered and the source alone (pulling up to one batch more if need be), never from how far the workers had
     * read ahead, so that the answer is the same for any worker count.
     */
    private boolean coveredWholeSource() {
        long covered = (long) deliveredThisPass * batchSize;
        int rest = dropLast ? batchSize : 1;
        long available;
        try {
            available = store.ensure(covered + rest);
        } catch (SourceException e) {
            return false;
        }
        return store.exhausted() && !store.failed() && available - covered < rest;
    }

    /**
     * Settings of a streaming sequence, starting from the runtime's defaults; the generated
     * {@code <Reader>Sequence.Builder} extends it and applies the reader's {@code @DataSequence} values.
     *
     * @param <R> the reader type
     * @param <D> the descriptor type
     * @param <S> the generated sequence type
     * @param <B> the generated builder type
     */
    public abstract static class Builder<R, D, S extends StreamingSequence<R, D>, B extends Builder<R, D, S, B>> {
        final DescriptorBinding<R, D> binding;
        final ReaderSource<R> readers;
        final DescriptorSource<D> source;
        int batchSize = 32;
        boolean shuffle;
        long seed;
        boolean dropLast;
        int workers = DataSequence.AUTO;
        int prefetch = DataSequence.AUTO;
        ErrorPolicy onError = ErrorPolicy.FAIL;
        Duration timeout;
        boolean copyBatches;
        int stepsPerEpoch;
        boolean training = true;
        Path spillDirectory;
        DescriptorCodec<D> spillCodec;

        /** Starts from the defaults, over one reader shared by every worker and the descriptors of {@code source}. */
        protected Builder(DescriptorBinding<R, D> binding, R reader, DescriptorSource<D> source) {
            this(binding, ReaderSource.shared(reader), source);
        }

        /** Starts from the defaults, with readers from {@code readers} (shared, or one per worker). */
        protected Builder(DescriptorBinding<R, D> binding, ReaderSource<R> readers, DescriptorSource<D> source) {
            this.binding = Objects.requireNonNull(binding, "binding");
            this.readers = Objects.requireNonNull(readers, "readers");
            this.source = Objects.requireNonNull(source, "source");
        }

        /** This builder, typed as the generated builder. */
        protected abstract B self();

        /** Builds the sequence and starts its worker threads; close it when done. */
        public abstract S build();

        /** Records per batch, at least 1. */
        public final B batchSize(int batchSize) {
            this.batchSize = batchSize;
            return self();
        }

        /**
         * Whether each epoch after the first has its own seeded order. The first epoch of a recorded source, and
         * every epoch of a streamed one, come in source order: a stream cannot be shuffled before it is known.
         */
        public final B shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return self();
        }

        /** The seed of the order and of each record's random numbers. */
        public final B seed(long seed) {
            this.seed = seed;
            return self();
        }

        /** Whether to leave out a last, smaller batch. */
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

        /** What a reader's exception does; a failure of the source itself always ends the epoch. */
        public final B onError(ErrorPolicy onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return self();
        }

        /** The longest {@code next()} waits for one batch; null (the default) waits as long as it takes. */
        public final B timeout(Duration timeout) {
            this.timeout = timeout;
            return self();
        }

        /** Whether {@code next()} returns copies that stay valid for ever (default false: reused buffers). */
        public final B copyBatches(boolean copyBatches) {
            this.copyBatches = copyBatches;
            return self();
        }

        /**
         * Streams instead of recording: every epoch is {@code steps} batches, pulled from the source where the last
         * epoch stopped, with no descriptor kept beyond the batches in flight. For endless sources (which need it)
         * and for sources too long to keep. 0 (the default) records a finite source in the first epoch.
         */
        public final B stepsPerEpoch(int steps) {
            this.stepsPerEpoch = steps;
            return self();
        }

        /**
         * Keeps the recording on disk instead of the heap, for sources too long to hold: each descriptor pulled in the
         * first epoch is written with {@code codec} to a temporary file in {@code directory}, with an index of 8 bytes
         * per descriptor, and read back by position from the second epoch on (and by the first epoch's workers). The
         * heap holds a few buffers, whatever the number of descriptors; the batches are the same as with the
         * recording on the heap, for a codec that gives back equal descriptors. The files are deleted by
         * {@code close()}. A failure to write a descriptor ends the epoch like a failing source (a
         * {@link SourceException} naming the position and the file); a failure to read one back is that record's
         * failure, under the error policy, and names the position and the file. Not with {@code stepsPerEpoch},
         * which records nothing. See {@link DescriptorCodec#utf8()} and {@link DescriptorCodec#paths()}.
         */
        public final B spillTo(Path directory, DescriptorCodec<D> codec) {
            this.spillDirectory = Objects.requireNonNull(directory, "directory");
            this.spillCodec = Objects.requireNonNull(codec, "codec");
            return self();
        }

        /** Whether the reader is told it is training (default true); see {@link io.dataseq.RecordContext}. */
        public final B training(boolean training) {
            this.training = training;
            return self();
        }

        /** Settings for validation: no shuffle, no augmentation, every record delivered. */
        public final B validation() {
            return shuffle(false).training(false).dropLast(false);
        }
    }
}
