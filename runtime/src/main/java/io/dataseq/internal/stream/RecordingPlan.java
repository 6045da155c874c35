package io.dataseq.internal.stream;

import io.dataseq.index.RecordSubset;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.core.IndexedPlan;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.fetch.RecordFetcher;

/**
 * The plan of a finite source that is recorded: {@code record = position in the source}. Epoch 0 streams the
 * source in its order while recording it, so the first batch comes as soon as its descriptors are pulled; every
 * later epoch (and epoch 0 too when the records must be known before the first batch: shards, a subset) reads the
 * whole source first, if it is not recorded yet, and is then an {@link IndexedPlan} over the recording, with
 * shuffle, shards, subsets and resume positions as for a random access reader. So batch {@code b} of epoch
 * {@code e} is a function of the source and the settings alone, whatever happened before: a resumed sequence
 * delivers the same batches.
 *
 * <p>{@link #pass} runs under the core's lock; the loader it returns runs on the workers, which pull from the
 * source in order through the {@link DescriptorStore}.
 *
 * @param <R> the reader type
 * @param <D> the descriptor type
 */
final class RecordingPlan<R, D> implements PassPlan {
    private final DescriptorStore<D> store;
    private final RecordFetcher<StoredRecords<R, D>> fetcher;
    private final ReaderBinding<StoredRecords<R, D>> binding;
    private final PlanSettings settings;
    /** Shards and subsets pick records by number out of all of them: the count must be known first. */
    private final boolean recordFirst;
    /** Once the source is recorded: the random access plan over its descriptors. Guarded by the core. */
    private IndexedPlan recorded;
    /** Once recorded: epoch 0 again (a pass of it restarted), in source order as it streamed. */
    private IndexedPlan inSourceOrder;

    RecordingPlan(DescriptorStore<D> store, RecordFetcher<StoredRecords<R, D>> fetcher,
            ReaderBinding<StoredRecords<R, D>> binding, PlanSettings settings) {
        this.store = store;
        this.fetcher = fetcher;
        this.binding = binding;
        this.settings = settings;
        this.recordFirst = settings.sharded() || settings.subset() != null;
    }

    @Override
    public int batches(int epoch) {
        return recorded() == null ? UNKNOWN : recorded.batches(epoch);
    }

    @Override
    public int records() {
        return recorded() == null ? UNKNOWN : recorded.records();
    }

    @Override
    public RecordSubset subset() {
        return recorded() == null ? null : recorded.subset();
    }

    @Override
    public long recordsFrom(int epoch, int first) {
        return recorded() == null ? UNKNOWN : recorded.recordsFrom(epoch, first);
    }

    @Override
    public ReaderBinding<?> outputs() {
        return binding;
    }

    @Override
    public BatchBuffers newBuffers() {
        return fetcher.newBuffers(settings.batchSize());
    }

    @Override
    public BatchLoader<BatchBuffers> pass(int epoch, int first) {
        if (recorded == null && (epoch > 0 || recordFirst)) {
            recordWholeSource();
        }
        if (recorded() != null) {
            return (epoch > 0 || recordFirst ? recorded : inSourceOrder).pass(epoch, first);
        }
        store.restart(); // epoch 0 streams the source from its first descriptor
        int batchSize = settings.batchSize();
        boolean dropLast = settings.dropLast();
        return (batch, into) -> {
            long from = (long) batch * batchSize;
            long available = store.ensure(from + batchSize) - from;
            int rows = (int) Math.max(0, Math.min(batchSize, available));
            if (rows == 0 || (dropLast && rows < batchSize)) {
                into.markPastEnd();
                return;
            }
            int[] records = into.recordSlots();
            for (int i = 0; i < rows; i++) {
                records[i] = (int) (from + i);
            }
            fetcher.fetch(epoch, records, rows, into);
        };
    }

    @Override
    public void close() {
        store.close();
    }

    /**
     * Pulls the rest of the source. A recording whose source failed (in an earlier pass, or an earlier try of this
     * one) is read again from its start: its failure is not thrown again without asking the source.
     */
    private void recordWholeSource() {
        if (store.failed()) {
            store.restart();
        }
        store.ensure(Long.MAX_VALUE);
        recorded();
    }

    /**
     * The plan over the recording, made once the source has been read to its end (by a pass that reached it, or by
     * {@link #recordWholeSource()}); null before. Guarded by the core.
     */
    private IndexedPlan recorded() {
        if (recorded == null && store.exhausted() && !store.failed()) {
            int size = (int) store.pulled();
            recorded = IndexedPlan.over(size, fetcher, binding, settings);
            inSourceOrder = IndexedPlan.over(size, fetcher, binding, new PlanSettings(settings.batchSize(), false,
                    settings.seed(), settings.dropLast(), 0, 1, settings.remainder(), null, settings.onError(),
                    settings.training(), settings.timings(), settings.describeRows(), settings.checkFinite()));
        }
        return recorded;
    }
}
