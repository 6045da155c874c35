package io.dataseq.internal.stream;

import io.dataseq.internal.DescriptorBinding;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.internal.fetch.RecordFetcher;
import io.dataseq.stream.DescriptorSource;
import java.util.Objects;

/**
 * A streaming reader's bound methods over its readers and its source, ready to become a plan: an
 * {@code EndlessPlan} with {@code stepsPerEpoch}, else a {@code RecordingPlan}.
 *
 * @param <R> the reader type
 * @param <D> the descriptor type
 */
public final class StreamingPlanSource<R, D> implements PlanSource {
    private final DescriptorBinding<R, D> binding;
    private final ReaderSource<R> readers;
    private final DescriptorSource<D> source;

    /** Plans of {@code binding} over {@code readers} and {@code source}. */
    public StreamingPlanSource(DescriptorBinding<R, D> binding, ReaderSource<R> readers, DescriptorSource<D> source) {
        this.binding = Objects.requireNonNull(binding, "binding");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public ReaderBinding<?> outputs() {
        return binding.records();
    }

    @Override
    public PassPlan plan(PlanSettings settings) {
        return plan(settings, StreamSettings.defaults());
    }

    /**
     * The plan for {@code settings} and the streaming ones.
     *
     * @throws IllegalArgumentException for settings a stream cannot have, saying why
     */
    public PassPlan plan(PlanSettings settings, StreamSettings<D> stream) {
        int steps = stream.stepsPerEpoch();
        if (steps < 0) {
            throw new IllegalArgumentException("stepsPerEpoch must be at least 1, or 0 to record a finite source;"
                    + " not " + steps);
        }
        if (stream.shuffleBuffer() < 1) {
            throw new IllegalArgumentException("shuffleBuffer must be at least 1 record, not "
                    + stream.shuffleBuffer());
        }
        if (steps == 0) {
            DescriptorSpill<D> spill = stream.spillDirectory() == null ? null
                    : DescriptorSpill.create(stream.spillDirectory(), stream.spillCodec());
            DescriptorStore<D> store = new DescriptorStore<>(source, false, spill);
            return new RecordingPlan<>(store, fetcher(settings, new StoredRecords<>(readers, store, 0, 1, 0)),
                    binding.records(), settings);
        }
        if ((long) steps * settings.batchSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stepsPerEpoch " + steps + " of batchSize " + settings.batchSize()
                    + " is more than 2^31 - 1 records per epoch");
        }
        if (stream.spillDirectory() != null) {
            throw new IllegalArgumentException("spillTo keeps a recording on disk, and with stepsPerEpoch " + steps
                    + " nothing is recorded; leave out one of them");
        }
        if (settings.subset() != null) {
            throw new IllegalArgumentException("a subset picks records by number, and an endless stream"
                    + " (stepsPerEpoch " + steps + ") has no record numbers to pick; record the source (stepsPerEpoch"
                    + " 0) to read a subset of it");
        }
        return new EndlessPlan<>(new DescriptorStore<>(source, true, null), this, settings, stream);
    }

    /** A fetcher of the stored records seen through {@code view}. */
    RecordFetcher<StoredRecords<R, D>> fetcher(PlanSettings settings, StoredRecords<R, D> view) {
        return new RecordFetcher<>(binding.records(), ReaderSource.shared(view), settings.onError(),
                settings.training(), settings.seed(), settings.timings(), settings.describeRows(),
                settings.checkFinite());
    }

    /** A view of {@code store} from record {@code first} of shard {@code rank} of {@code world}. */
    StoredRecords<R, D> view(DescriptorStore<D> store, long first, int world, int rank) {
        return new StoredRecords<>(readers, store, first, world, rank);
    }

    ReaderBinding<StoredRecords<R, D>> records() {
        return binding.records();
    }
}
