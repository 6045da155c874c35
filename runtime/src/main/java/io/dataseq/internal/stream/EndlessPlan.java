package io.dataseq.internal.stream;

import io.dataseq.index.RecordSubset;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.fetch.RecordFetcher;
import io.dataseq.internal.index.EpochIndex;
import io.dataseq.internal.index.Permutation;

/**
 * The plan of an endless stream read {@code stepsPerEpoch} batches at a time ({@code stepsPerEpoch} set): nothing
 * is kept beyond the batches in flight (and the shuffle block), and a finite source is opened again when it ends.
 *
 * <p>Epochs lie on a fixed grid, so that a position says everything: this shard's records are every
 * {@code world}-th descriptor of the stream from {@code rank}, and epoch {@code e} is this shard's records
 * {@code e * E .. (e + 1) * E - 1}, {@code E = stepsPerEpoch * batchSize}. An epoch ended early by {@code reset()}
 * leaves the rest of its records unread: the next epoch starts at its own place on the grid. With {@code shuffle},
 * each block of {@code shuffleBuffer} records of an epoch comes in a seeded order (keyed by seed, epoch and block),
 * a shuffle buffer that gives the same batches for any worker count.
 *
 * @param <R> the reader type
 * @param <D> the descriptor type
 */
final class EndlessPlan<R, D> implements PassPlan {
    private final DescriptorStore<D> store;
    private final StreamingPlanSource<R, D> source;
    private final PlanSettings settings;
    private final int steps;
    private final int block;
    private final int epochRecords;

    EndlessPlan(DescriptorStore<D> store, StreamingPlanSource<R, D> source, PlanSettings settings,
            StreamSettings<D> stream) {
        this.store = store;
        this.source = source;
        this.settings = settings;
        this.steps = stream.stepsPerEpoch();
        this.block = stream.shuffleBuffer();
        this.epochRecords = steps * settings.batchSize();
    }

    @Override
    public int batches(int epoch) {
        return steps;
    }

    @Override
    public int records() {
        return epochRecords;
    }

    @Override
    public RecordSubset subset() {
        return null;
    }

    @Override
    public long recordsFrom(int epoch, int first) {
        return (long) Math.max(0, steps - first) * settings.batchSize();
    }

    @Override
    public ReaderBinding<?> outputs() {
        return source.records();
    }

    @Override
    public BatchBuffers newBuffers() {
        return source.fetcher(settings, source.view(store, 0, 1, 0)).newBuffers(settings.batchSize());
    }

    @Override
    public BatchLoader<BatchBuffers> pass(int epoch, int first) {
        if (first > steps) {
            throw new IllegalArgumentException("the position's batch " + first + " is past the " + steps
                    + " batches (stepsPerEpoch) of an epoch of this sequence");
        }
        store.reopen(); // a source that failed in an earlier pass goes on where it failed
        StoredRecords<R, D> view = source.view(store, (long) epoch * epochRecords, settings.shardWorld(),
                settings.shardRank());
        RecordFetcher<StoredRecords<R, D>> fetcher = source.fetcher(settings, view);
        delivered(epoch, first);
        int batchSize = settings.batchSize();
        return (batch, into) -> {
            int[] records = into.recordSlots();
            long last = -1;
            order(epoch, batch * batchSize, records, batchSize);
            for (int i = 0; i < batchSize; i++) {
                last = Math.max(last, view.position(records[i]));
            }
            if (store.ensure(last + 1) <= last) {
                into.markPastEnd(); // an empty source
                return;
            }
            fetcher.fetch(epoch, records, batchSize, into);
        };
    }

    /** No batch of this epoch before {@code next} will be read again: their blocks may go. */
    @Override
    public void delivered(int epoch, int next) {
        long firstNeeded = (long) epoch * epochRecords + blockStart(Math.min(next, steps) * settings.batchSize());
        store.trimBefore(firstNeeded * settings.shardWorld());
    }

    @Override
    public void close() {
        store.close();
    }

    /**
     * The records at places {@code first .. first + count - 1} of the epoch's order, into {@code records}: one
     * permutation per shuffle block the batch touches (a batch spans one block, or two), not one per record.
     */
    private void order(int epoch, int first, int[] records, int count) {
        Permutation permutation = null;
        int permutedStart = -1;
        for (int i = 0; i < count; i++) {
            int place = first + i;
            if (!settings.shuffle()) {
                records[i] = place;
                continue;
            }
            int start = blockStart(place);
            if (start != permutedStart) {
                long key = EpochIndex.epochKey(settings.seed() + 0x9E3779B97F4A7C15L * (start / block + 1L), epoch);
                permutation = new Permutation(Math.min(block, epochRecords - start), key);
                permutedStart = start;
            }
            records[i] = start + (int) permutation.apply(place - start);
        }
    }

    private int blockStart(int i) {
        return settings.shuffle() ? i / block * block : i;
    }
}
