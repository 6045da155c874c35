package io.dataseq.dl4j;

import io.dataseq.Position;
import io.dataseq.PrefetchSettings;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.index.RecordSubset;
import io.dataseq.index.ShardRemainder;
import io.dataseq.internal.Output;
import io.dataseq.internal.core.AutoTuning;
import io.dataseq.internal.core.CoreSettings;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.internal.core.SequenceCore;
import io.dataseq.internal.core.TimingRecorder;
import io.dataseq.internal.store.CachePlan;
import io.dataseq.internal.store.StoreChunks;
import io.dataseq.progress.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a sequence, every one of them once, for random access and streaming readers alike; the generated
 * {@code <Reader>Sequence.Builder} extends it (or {@link StreamingBuilder}, which adds what only a stream has) and
 * starts from the reader's {@code @DataSequence} values.
 *
 * @param <S> the generated sequence type
 * @param <B> the generated builder type
 */
public abstract class SequenceBuilder<S, B extends SequenceBuilder<S, B>> {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    final PlanSource source;
    int batchSize = 32;
    boolean shuffle;
    long seed;
    boolean dropLast;
    int workers = DataSequence.AUTO;
    int prefetch = DataSequence.AUTO;
    /** Null: a quarter of the JVM's maximum heap, when the sequence is built. */
    Long prefetchMemory;
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
    boolean exampleMetaData;
    ProgressListener progress = ProgressListener.NONE;
    List<String> classNames;
    int maxLeadingSkips = 32;
    boolean checkFinite;
    /** Null: on when the JVM runs with assertions enabled for the runtime's classes ({@code -ea}). */
    Boolean checkStaleBatches;
    Path cache;

    /**
     * Starts from the runtime's defaults over {@code source}: the reader's bound methods and its threads' readers
     * (generated code passes {@code BINDING.over(readers)}).
     */
    protected SequenceBuilder(PlanSource source) {
        this.source = Objects.requireNonNull(source, "source");
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

    /**
     * Whether each epoch has its own seeded order. See {@link DataSequence#shuffle()}, and {@code docs/streaming.md}
     * for what it means for a stream.
     */
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

    /**
     * Worker threads; 0 for the caller's thread; {@link DataSequence#AUTO} (the default) to let the sequence choose
     * over its first epoch the fewest with which the consumer does not wait for data, leaving a core to a consumer
     * that computes (see {@code docs/user-guide.md}, "Threads"). The batches are the same for any number.
     */
    public final B workers(int workers) {
        this.workers = workers;
        return self();
    }

    /**
     * Batches read ahead (at least 1); {@link DataSequence#AUTO} (the default) to let the sequence choose over its
     * first epoch the smallest window with which the consumer does not wait for data, within
     * {@link #prefetchMemory(long)}.
     */
    public final B prefetch(int prefetch) {
        this.prefetch = prefetch;
        return self();
    }

    /**
     * The most bytes of batch buffers an {@code AUTO} prefetch may take for one consumer: {@code prefetch + 1} batches
     * of every input and output at the full batch size (default: a quarter of the JVM's maximum heap,
     * {@code Runtime.maxMemory()}, which is also ND4J's default limit off the heap). A window of 1 is kept whatever the
     * budget. A prefetch that is given is not held to it.
     */
    public final B prefetchMemory(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("prefetchMemory must be at least 1 byte, not " + bytes);
        }
        this.prefetchMemory = bytes;
        return self();
    }

    /** What a reader's exception does; a failure of a streaming source itself always ends the epoch. */
    public final B onError(ErrorPolicy onError) {
        this.onError = Objects.requireNonNull(onError, "onError");
        return self();
    }

    /**
     * The longest {@code next()} (or {@code hasNext()}, which may wait for the next batch) waits for one batch before
     * it throws {@link io.dataseq.BatchTimeoutException}; null (the default) waits as long as it takes.
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
     * Whether a batch used after it stopped being valid throws (default: on when the JVM runs with assertions
     * enabled, {@code -ea}, as tests and debugging do; off otherwise). A batch handed out as views (without
     * {@code copyBatches}) is valid until the same thread's next {@code next()}, {@code reset()} or {@code close()};
     * after that its buffer is recycled and its arrays hold other records. With this check, each accessor of the
     * {@code DataSet} or {@code MultiDataSet} (features, labels, masks, metadata, and every method that reads them)
     * first checks that its buffer was not recycled, and throws an {@link IllegalStateException} naming the batch
     * (epoch, batch number), the thread it was handed to and the fix, as DL4J's workspace checks name an array
     * used outside its workspace. Costs a volatile read per accessor call (see {@code docs/performance.md}); arrays
     * taken from a batch before it was recycled are not checked.
     */
    public final B checkStaleBatches(boolean checkStaleBatches) {
        this.checkStaleBatches = checkStaleBatches;
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
     * {@code world}-th record of each epoch's order, starting at {@code rank}. The shards of one epoch are disjoint
     * and cover every record; all ranks must use the same seed. When the record count is not a multiple of
     * {@code world}, {@code remainder} says what happens: {@link ShardRemainder#PAD} repeats records from the start
     * of the epoch's order so every shard has as many (PyTorch's {@code DistributedSampler}),
     * {@link ShardRemainder#DROP} leaves the last few out. A recorded stream is read to its end before its first
     * batch, to know its records; an endless one gives each shard every {@code world}-th descriptor.
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
     * positions and {@code dropLast} apply to the subset. Record numbers stay the reader's own: a record reads the
     * same (and draws the same random numbers) in the subset as in the whole reader. The subset must fit the reader
     * ({@link RecordSubset#limit()} at most its size), checked when the records are known; a position saved by a
     * sequence over one subset only fits a sequence over the same subset. A stream's record numbers are source
     * positions: it is read to its end first; an endless stream ({@code stepsPerEpoch}) has none to pick.
     */
    public final B subset(RecordSubset subset) {
        this.subset = Objects.requireNonNull(subset, "subset");
        return self();
    }

    /**
     * Whether the reader is told it is training (default true): what {@link io.dataseq.RecordContext#training()}
     * returns for each record. Set false for validation and evaluation, so that a reader that augments only when
     * training sees each record as it is.
     */
    public final B training(boolean training) {
        this.training = training;
        return self();
    }

    /**
     * Whether the workers time each stage of each record for {@link PrefetchingIterator#timings()} (default true: a
     * few {@code System.nanoTime()} calls per record, well under a microsecond). The consumer's wait is always timed.
     */
    public final B timings(boolean timings) {
        this.timings = timings;
        return self();
    }

    /**
     * Whether each batch carries its rows' record identities, DL4J's way: {@code DataSet.getExampleMetaData()} (and
     * the {@code MultiDataSet}'s) lists a {@link io.dataseq.RecordMetaData} per row, the record and its
     * {@code @Describe} (e.g. its file), to map predictions back to files. Default false: nothing is described or
     * allocated per row.
     */
    public final B exampleMetaData(boolean exampleMetaData) {
        this.exampleMetaData = exampleMetaData;
        return self();
    }

    /**
     * Whether to draw a progress bar per epoch on the console (standard error), with records/s and the time left:
     * {@link ProgressListener#console()}, which needs {@code me.tongfei:progressbar} on the class path and draws
     * nothing when the output is not a terminal. Default false: no bar, and no cost.
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
     * The class names that {@code classNames()} and {@code getLabels()} return, in index order, instead of the
     * label's {@code @Label(names = ...)}: for readers whose classes are known only at run time, e.g.
     * {@code builder(reader).classNames(folders.classNames())} with {@link io.dataseq.files.ClassFolders}. Needs a
     * class-index label (an {@code int} {@code @Label}); exactly as many names as its {@code classes}, distinct and
     * not null.
     */
    public final B classNames(List<String> classNames) {
        Objects.requireNonNull(classNames, "classNames");
        int classes = source.outputs().classNames().size();
        if (classes == 0) {
            throw new IllegalArgumentException("classNames needs a class-index label (an int @Label with"
                    + " classes); this reader's first label is not one");
        }
        if (classNames.size() != classes) {
            throw new IllegalArgumentException(classNames.size() + " class names " + classNames + " for a label"
                    + " of " + classes + " classes: give exactly " + classes + ", in index order");
        }
        Set<String> seen = new HashSet<>();
        for (String name : classNames) {
            if (name == null) {
                throw new IllegalArgumentException("class names must not be null: " + classNames);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("class name \"" + name + "\" appears twice in " + classNames);
            }
        }
        this.classNames = List.copyOf(classNames);
        return self();
    }

    /**
     * Caches the records in {@code directory} (made if need be), so that each record is read from the reader (its
     * images decoded) once: the first epoch reads the reader and writes what it reads to a store in the directory;
     * the following epochs, and later sequences over the same reader and directory, read the store, through memory
     * mappings. An image is stored as its 8-bit pixels at the declared size, and augmented (when training) and
     * scaled anew as each batch is assembled, the epoch that writes the store included; batches are the same as
     * without the cache except that a crop is taken from the image at its declared size. For a reader whose values
     * do not depend on the epoch. A store made from another reader, other outputs, image sizes or decoding, or
     * another record count is never used: it is rebuilt, with a log line. Only for random access readers. See
     * {@code docs/store.md}.
     */
    public final B cache(Path directory) {
        this.cache = Objects.requireNonNull(directory, "directory");
        return self();
    }

    /**
     * Writes every record of the reader to a record store in {@code directory} (made if need be), read with this
     * builder's workers and error policy, and returns once the store is sealed and published: a
     * {@code fromStore(directory)} of the generated sequence then reads it without the reader, on this machine or
     * another, and {@code cache(directory)} uses it. The store holds every record whatever the shard or subset
     * settings; it is the one {@code cache} writes (see {@code docs/store.md}), and a store of this reader already
     * there is kept as it is. Under {@link ErrorPolicy#SKIP} the records that could not be read are left out of it
     * and returned; under {@link ErrorPolicy#FAIL} the first such record throws, and nothing is published.
     *
     * @return the records left out, in record order (empty under {@code FAIL})
     * @throws io.dataseq.DataSeqException when the disk is full or a record fails under {@code FAIL}
     */
    public final List<SkippedRecord> writeStore(Path directory) {
        Objects.requireNonNull(directory, "directory");
        checkSettings();
        CachePlan writing = CachePlan.over(source, storeSettings(), directory);
        if (!writing.readsStore()) {
            TimingRecorder recorder = new TimingRecorder();
            AutoTuning auto = autoTuning();
            try (SequenceCore core = new SequenceCore(writing, new CoreSettings(prefetchSettings(auto), seed, false,
                    false, ProgressListener.NONE, null, maxLeadingSkips, false, auto), recorder)) {
                while (core.hasNext()) {
                    core.next((batch, copy, lease) -> null); // the pass writes each batch through to the store
                }
                writing.finish();
            } catch (RuntimeException | Error e) {
                writing.close();
                throw e;
            }
        }
        List<SkippedRecord> skipped = writing.skippedWhenWritten();
        writing.close();
        return skipped;
    }

    /**
     * Not API (DataSeq's own modules use it: {@code dataseq-spark} writes a store's chunks on other machines): the
     * chunks of the store {@link #writeStore} writes from this builder's reader, read with its error policy and seed,
     * {@code recordsPerChunk} records to a chunk, or as many as {@code writeStore} puts in one when 0. It may change
     * in any release.
     */
    public final StoreChunks storeChunks(int recordsPerChunk) {
        checkSettings();
        return StoreChunks.over(source, storeSettings(), recordsPerChunk);
    }

    /** How a store is written: every record, in order, not for training, with the error policy and seed. */
    private PlanSettings storeSettings() {
        return new PlanSettings(batchSize, false, seed, false, 0, 1, shardRemainder, null, onError, false, null,
                false, checkFinite);
    }

    /**
     * Under {@link ErrorPolicy#SKIP}: when this many records (default 32) have been skipped before any row was
     * delivered, the sequence stops with a {@link io.dataseq.DataSeqException} that says why: a reader that fails on
     * every record from the start (a missing native library, a wrong root folder, a shape that does not match) is
     * broken, and training on nothing would end quietly after 0 iterations. {@code Integer.MAX_VALUE} never stops.
     */
    public final B maxLeadingSkips(int records) {
        if (records < 1) {
            throw new IllegalArgumentException("maxLeadingSkips must be at least 1, not " + records);
        }
        this.maxLeadingSkips = records;
        return self();
    }

    /**
     * Whether each record's values are checked for NaN and infinity once they are written into the batch (default
     * false), as {@code tf.debugging.check_numerics} or PyTorch's anomaly mode check a tensor: a record with one fails
     * under the error policy, {@link ErrorPolicy#FAIL} with a {@link io.dataseq.RecordException} naming the record, its
     * {@code @Describe} and, in its cause (an {@code ArithmeticException}), the input or output and the value's
     * place; {@link ErrorPolicy#SKIP} leaves it out with that reason in {@code skipped()}. Costs one pass over each
     * record's values on the workers (see {@code docs/performance.md}).
     */
    public final B checkFinite(boolean checkFinite) {
        this.checkFinite = checkFinite;
        return self();
    }

    /**
     * Settings for validation or evaluation: no shuffle, no augmentation ({@code training(false)}), and every record
     * delivered ({@code dropLast(false)}). The same as calling the three; call it before any setting that should
     * differ.
     */
    public final B validation() {
        return shuffle(false).training(false).dropLast(false);
    }

    /** The plan for the resolved settings; a streaming builder adds its own. */
    PassPlan plan(PlanSettings settings) {
        return cache == null ? source.plan(settings) : CachePlan.over(source, settings, cache);
    }

    /** Checks the settings, and that the outputs can be read (their native libraries load). */
    private void checkSettings() {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        if (workers < DataSequence.AUTO) {
            throw new IllegalArgumentException("workers must be AUTO (-1) or at least 0, not " + workers);
        }
        if (prefetch < DataSequence.AUTO || prefetch == 0) {
            throw new IllegalArgumentException("prefetch must be AUTO (-1) or at least 1, not " + prefetch);
        }
        source.outputs().features().forEach(Output::checkReady);
        source.outputs().labels().forEach(Output::checkReady);
    }

    /** Whether delivered batches check they are not used after their buffer was recycled. */
    private boolean checksStaleBatches() {
        return checkStaleBatches != null ? checkStaleBatches : SequenceBuilder.class.desiredAssertionStatus();
    }

    /**
     * What the {@code AUTO} tuner may change and within which limits, or null when the workers and the prefetch were
     * both given, or there are no workers ({@code workers(0)}: nothing is read ahead). AUTO workers go up to the cores.
     */
    private AutoTuning autoTuning() {
        if (workers == 0 || (workers != DataSequence.AUTO && prefetch != DataSequence.AUTO)) {
            return null;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        long values = 0;
        for (Output<?> output : source.outputs().features()) {
            values += output.length();
        }
        for (Output<?> output : source.outputs().labels()) {
            values += output.length();
        }
        long budget = prefetchMemory != null ? prefetchMemory : Runtime.getRuntime().maxMemory() / 4;
        return new AutoTuning(workers == DataSequence.AUTO, prefetch == DataSequence.AUTO,
                workers == DataSequence.AUTO ? cores : workers, cores,
                (long) Float.BYTES * batchSize * values, budget);
    }

    /**
     * The workers and window the engine starts with: those given, and for {@code AUTO} where the tuner starts, one
     * worker and a window of one batch per worker (within the budget).
     */
    private PrefetchSettings prefetchSettings(AutoTuning auto) {
        int threads = workers == DataSequence.AUTO ? 1 : workers;
        int window = prefetch != DataSequence.AUTO ? prefetch
                : auto == null ? 1 : Math.min(Math.max(1, threads), auto.maxWindow());
        return new PrefetchSettings(threads, window, timeout, CLOSE_TIMEOUT);
    }

    /** Checks the settings, resolves {@code AUTO}, and starts the core (and its worker threads). */
    final SequenceCore newCore() {
        checkSettings();
        TimingRecorder recorder = new TimingRecorder();
        AutoTuning auto = autoTuning();
        PassPlan plan = plan(new PlanSettings(batchSize, shuffle, seed, dropLast, shardRank, shardWorld,
                shardRemainder, subset, onError, training, timings ? recorder : null, exampleMetaData, checkFinite));
        try {
            return new SequenceCore(plan, new CoreSettings(prefetchSettings(auto), seed, copyBatches, timings,
                    progress, resumeFrom, maxLeadingSkips, checksStaleBatches(), auto), recorder);
        } catch (RuntimeException | Error e) {
            plan.close();
            throw e;
        }
    }
}
