package io.dataseq.internal.store;

import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.store.StoreLayout.Encoding;
import io.dataseq.internal.store.StoreLayout.Field;

/**
 * The plan of a sequence read from a store: the store's records bound as a reader whose every output copies its
 * stored values into the batch ({@code directFeatures}, {@code directLabel}, and {@code classLabel} for a stored
 * class index), read by the same {@link io.dataseq.internal.fetch.RecordFetcher} over the same
 * {@link io.dataseq.internal.index.EpochIndex} as the reader itself. Shuffle, shards, subsets, resume, the error
 * policy, timings and worker-count determinism are therefore the reader's own.
 */
public final class StorePlan {
    private StorePlan() {}

    /** The plan of {@code settings} over {@code store}. */
    static PassPlan over(StoreReader store, PlanSettings settings) {
        return binding(store).over(ReaderSource.shared(store)).plan(settings);
    }

    /** The store's records as a reader's bound methods, with the names, shapes and class names it was made with. */
    static ReaderBinding<StoreReader> binding(StoreReader store) {
        ReaderBinding.Builder<StoreReader> binding = ReaderBinding.<StoreReader>builder()
                .size(StoreReader::records)
                .describe(StoreReader::describe);
        for (Field field : store.manifest().layout().fields()) {
            if (field.encoding() == Encoding.INT32_CLASS) {
                binding.classLabel(field.name(), field.length(), field.classNames(),
                        (reader, record, context) -> reader.readClass(field, record));
            } else if (field.label()) {
                binding.directLabel(field.name(), field.shape(),
                        (reader, record, context, row) -> reader.readFloats(field, record, row));
            } else {
                binding.directFeatures(field.name(), field.shape(),
                        (reader, record, context, row) -> reader.readFloats(field, record, row));
            }
        }
        return binding.build();
    }
}
