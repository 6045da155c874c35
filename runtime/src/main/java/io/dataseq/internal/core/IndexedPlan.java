package io.dataseq.internal.core;

import io.dataseq.DataSeqException;
import io.dataseq.index.RecordSubset;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.fetch.RecordFetcher;
import io.dataseq.internal.index.EpochIndex;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The plan of records that can be read in any order: the {@link EpochIndex} says which records make batch
 * {@code b} of epoch {@code e} (shuffle, shards, subsets, {@code dropLast}), and the {@link RecordFetcher} reads
 * them. A random access reader's plan, and a recorded source's once it is recorded.
 *
 * <p>A reader's {@code @Size} is read when the plan is made and again at the start of every pass: the index, the
 * shuffle order, a subset, the shards and every position are fixed to the record count the sequence was built
 * with, so a count that changed since fails the pass, naming both counts, instead of reading stale counts (a grown
 * reader's new records never read) or records that are gone (a shrunk one's index errors).
 */
public final class IndexedPlan implements PassPlan {
    private final EpochIndex index;
    private final RecordFetcher<?> fetcher;
    private final ReaderBinding<?> outputs;
    /** The reader's record count now, or null when it cannot change (a recording). */
    private final IntSupplier size;
    private final int builtSize;

    /** Reads the batches {@code index} plans with {@code fetcher}. */
    public IndexedPlan(EpochIndex index, RecordFetcher<?> fetcher, ReaderBinding<?> outputs) {
        this(index, fetcher, outputs, null, index.records());
    }

    /**
     * Reads the batches {@code index} plans with {@code fetcher}; {@code size} (null: none) is asked for the
     * reader's record count at each pass, which must still be {@code builtSize}.
     */
    private IndexedPlan(EpochIndex index, RecordFetcher<?> fetcher, ReaderBinding<?> outputs, IntSupplier size,
            int builtSize) {
        this.index = Objects.requireNonNull(index, "index");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.size = size;
        this.builtSize = builtSize;
    }

    /**
     * The plan of a reader whose record count is {@code size} ({@code @Size}), asked now and again at the start of
     * each pass; see {@link #over(int, RecordFetcher, ReaderBinding, PlanSettings)}.
     *
     * @throws IllegalArgumentException when the subset holds a record the reader does not have
     */
    public static IndexedPlan over(IntSupplier size, RecordFetcher<?> fetcher, ReaderBinding<?> outputs,
            PlanSettings settings) {
        int records = size.getAsInt();
        return new IndexedPlan(index(records, settings), fetcher, outputs, size, records);
    }

    /**
     * The plan of {@code records} records that cannot change (a recorded source's length) read with
     * {@code fetcher} as {@code settings} say: an index over the settings' subset, or over every record.
     *
     * @throws IllegalArgumentException when the subset holds a record the reader does not have
     */
    public static IndexedPlan over(int records, RecordFetcher<?> fetcher, ReaderBinding<?> outputs,
            PlanSettings settings) {
        return new IndexedPlan(index(records, settings), fetcher, outputs, null, records);
    }

    private static EpochIndex index(int records, PlanSettings settings) {
        RecordSubset subset = settings.subset() == null ? RecordSubset.all(records) : settings.subset();
        if (subset.limit() > records) {
            throw new IllegalArgumentException("the subset holds record " + (subset.limit() - 1) + ", but the"
                    + " reader has only " + records + " records: a subset must come from the reader it is used with");
        }
        return EpochIndex.builder(subset)
                .batchSize(settings.batchSize())
                .shuffle(settings.shuffle())
                .seed(settings.seed())
                .dropLast(settings.dropLast())
                .shard(settings.shardRank(), settings.shardWorld(), settings.remainder())
                .build();
    }

    @Override
    public int batches(int epoch) {
        return index.batches();
    }

    @Override
    public int records() {
        return index.records();
    }

    @Override
    public RecordSubset subset() {
        return index.subset();
    }

    @Override
    public long recordsFrom(int epoch, int first) {
        int batches = index.batches();
        if (first >= batches) {
            return 0;
        }
        int last = index.recordsOf(epoch, batches - 1, new int[index.batchSize()]);
        return (long) (batches - 1 - first) * index.batchSize() + last;
    }

    @Override
    public ReaderBinding<?> outputs() {
        return outputs;
    }

    @Override
    public BatchBuffers newBuffers() {
        return fetcher.newBuffers(index.batchSize());
    }

    @Override
    public BatchLoader<BatchBuffers> pass(int epoch, int first) {
        checkSize(epoch);
        if (first > index.batches()) {
            throw new IllegalArgumentException("the position's batch " + first + " is past the " + index.batches()
                    + " batches of an epoch of this sequence");
        }
        return (batch, into) -> {
            int[] records = into.recordSlots();
            fetcher.fetch(epoch, records, index.recordsOf(epoch, batch, records), into);
        };
    }

    /** Asks the reader for its record count again: it must be the one the sequence was built with. */
    private void checkSize(int epoch) {
        if (size == null) {
            return;
        }
        int now = size.getAsInt();
        if (now != builtSize) {
            throw new DataSeqException("the reader's @Size changed from " + builtSize + " to " + now + " records"
                    + " since the sequence was built (asked again at the start of epoch " + epoch + "): a sequence's"
                    + " order, subset, shards and positions are fixed to the records it was built with, and it would "
                    + (now > builtSize ? "never read the " + (now - builtSize) + " new ones" : "read records that are"
                    + " gone") + ". Build a new sequence for the new records (a position saved before does not fit"
                    + " it), or keep the reader's records fixed while a sequence reads them", null);
        }
    }
}
