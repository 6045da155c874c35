package io.dataseq.fetch;

import io.dataseq.RecordContext;
import io.dataseq.RecordException;
import io.dataseq.Sequence;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.binding.Output;
import io.dataseq.binding.ReaderBinding;
import io.dataseq.binding.ReaderSource;
import io.dataseq.index.EpochIndex;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageClock;
import io.dataseq.timing.TimingRecorder;
import java.util.List;
import java.util.Objects;

/**
 * Turns record numbers into batches: asks the {@link EpochIndex} which records make up a batch, reads each one
 * through the reader's bound methods and writes it into the batch's buffers. No threads of its own: the prefetch
 * engine calls {@link #get} from its workers.
 *
 * @param <R> the reader type
 */
public final class RecordSequence<R> implements Sequence<BatchBuffers> {
    private final ReaderBinding<R> binding;
    private final ReaderSource<R> readers;
    private final EpochIndex index;
    private final ErrorPolicy errorPolicy;
    private final boolean training;
    private final TimingRecorder timings;
    private volatile int epoch;

    /** A sequence over {@code reader}'s records, batched as {@code index} says, starting at {@code epoch}. */
    public RecordSequence(ReaderBinding<R> binding, R reader, EpochIndex index, ErrorPolicy errorPolicy,
            int epoch) {
        this(binding, ReaderSource.shared(reader), index, errorPolicy, epoch);
    }

    /** A training sequence whose threads take their reader from {@code readers}. */
    public RecordSequence(ReaderBinding<R> binding, ReaderSource<R> readers, EpochIndex index,
            ErrorPolicy errorPolicy, int epoch) {
        this(binding, readers, index, errorPolicy, epoch, true);
    }

    /**
     * A sequence whose threads take their reader from {@code readers}; {@code training} is what each record's
     * {@link RecordContext#training()} says (false for validation: no augmentation).
     */
    public RecordSequence(ReaderBinding<R> binding, ReaderSource<R> readers, EpochIndex index,
            ErrorPolicy errorPolicy, int epoch, boolean training) {
        this(binding, readers, index, errorPolicy, epoch, training, null);
    }

    /**
     * A sequence as above that adds each batch's stage times to {@code timings}; null times nothing (and costs
     * nothing).
     */
    public RecordSequence(ReaderBinding<R> binding, ReaderSource<R> readers, EpochIndex index,
            ErrorPolicy errorPolicy, int epoch, boolean training, TimingRecorder timings) {
        this.timings = timings;
        this.binding = Objects.requireNonNull(binding, "binding");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.index = Objects.requireNonNull(index, "index");
        this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
        this.training = training;
        this.epoch = epoch;
    }

    /** Allocates buffers for one batch of this sequence's outputs. */
    public BatchBuffers newBuffers() {
        StageClock clock = timings == null ? StageClock.OFF : new StageClock(true);
        return new BatchBuffers(index.batchSize(), binding.features(), binding.labels(), clock);
    }

    @Override
    public int size() {
        return index.batches();
    }

    /** The epoch being read, from 0. */
    public int epoch() {
        return epoch;
    }

    /** Whether records are read for training (see {@link RecordContext#training()}). */
    public boolean training() {
        return training;
    }

    /** The index behind this sequence. */
    public EpochIndex index() {
        return index;
    }

    @Override
    public void onEpochEnd() {
        epoch++;
    }

    /** Sets the epoch to read next; only between passes. */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public void get(int batch, BatchBuffers into) throws RecordException {
        int currentEpoch = epoch;
        StageClock clock = into.clock();
        clock.start();
        R reader = readers.forThisThread();
        int[] records = into.recordSlots();
        int planned = index.recordsOf(currentEpoch, batch, records);
        into.startFill();
        int rows = 0;
        for (int i = 0; i < planned; i++) {
            int record = records[i];
            try {
                write(reader, record, new RecordContext(index.seed(), currentEpoch, record, training), into, rows,
                        clock);
                clock.countRecord();
            } catch (Exception e) {
                clock.skip();
                String description = binding.describe(reader, record);
                if (errorPolicy == ErrorPolicy.FAIL) {
                    throw new RecordException(record, description, Thread.currentThread().getName(), e);
                }
                into.addSkipped(new SkippedRecord(currentEpoch, record, description, e));
                continue; // the row is written again by the next record
            }
            records[rows++] = record;
        }
        into.finishFill(rows);
        clock.lap(Stage.ASSEMBLE);
        if (timings != null) {
            timings.add(currentEpoch, clock);
        }
    }

    private void write(R reader, int record, RecordContext context, BatchBuffers into, int row, StageClock clock)
            throws Exception {
        List<Output<R>> features = binding.features();
        for (int i = 0; i < features.size(); i++) {
            Output<R> output = features.get(i);
            output.write(reader, record, context, into.featureValues(i), row * output.length(), clock);
        }
        List<Output<R>> labels = binding.labels();
        for (int i = 0; i < labels.size(); i++) {
            Output<R> output = labels.get(i);
            output.write(reader, record, context, into.labelValues(i), row * output.length(), clock);
        }
    }
}
