package io.dataseq.internal.core;

import io.dataseq.index.RecordSubset;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.fetch.RecordFetcher;
import io.dataseq.internal.index.EpochIndex;
import java.util.Objects;

/**
 * The plan of records that can be read in any order: the {@link EpochIndex} says which records make batch
 * {@code b} of epoch {@code e} (shuffle, shards, subsets, {@code dropLast}), and the {@link RecordFetcher} reads
 * them. A random access reader's plan, and a recorded source's once it is recorded.
 */
public final class IndexedPlan implements PassPlan {
    private final EpochIndex index;
    private final RecordFetcher<?> fetcher;
    private final ReaderBinding<?> outputs;

    /** Reads the batches {@code index} plans with {@code fetcher}. */
    public IndexedPlan(EpochIndex index, RecordFetcher<?> fetcher, ReaderBinding<?> outputs) {
        this.index = Objects.requireNonNull(index, "index");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
    }

    /**
     * The plan of {@code records} records (a reader's {@code @Size}, or a recorded source's length) read with
     * {@code fetcher} as {@code settings} say: an index over the settings' subset, or over every record.
     *
     * @throws IllegalArgumentException when the subset holds a record the reader does not have
     */
    public static IndexedPlan over(int records, RecordFetcher<?> fetcher, ReaderBinding<?> outputs,
            PlanSettings settings) {
        RecordSubset subset = settings.subset() == null ? RecordSubset.all(records) : settings.subset();
        if (subset.limit() > records) {
            throw new IllegalArgumentException("the subset holds record " + (subset.limit() - 1) + ", but the"
                    + " reader has only " + records + " records: a subset must come from the reader it is used with");
        }
        EpochIndex index = EpochIndex.builder(subset)
                .batchSize(settings.batchSize())
                .shuffle(settings.shuffle())
                .seed(settings.seed())
                .dropLast(settings.dropLast())
                .shard(settings.shardRank(), settings.shardWorld(), settings.remainder())
                .build();
        return new IndexedPlan(index, fetcher, outputs);
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
        if (first > index.batches()) {
            throw new IllegalArgumentException("the position's batch " + first + " is past the " + index.batches()
                    + " batches of an epoch of this sequence");
        }
        return (batch, into) -> {
            int[] records = into.recordSlots();
            fetcher.fetch(epoch, records, index.recordsOf(epoch, batch, records), into);
        };
    }
}
