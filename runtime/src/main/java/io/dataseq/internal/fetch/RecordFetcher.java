package io.dataseq.internal.fetch;

import io.dataseq.RecordContext;
import io.dataseq.RecordException;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.internal.Output;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.RecordScope;
import io.dataseq.internal.core.TimingRecorder;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageClock;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Turns record numbers into a batch, as PyTorch's fetcher does: {@link #fetch} is given an epoch and the record
 * numbers of one batch, reads each record through the reader's bound methods, and writes it into the batch's
 * buffers, applying the error policy. It does not know which records make a batch (that is the index's business)
 * and has no threads or mutable state of its own: the prefetch engine calls it from its workers, several at once,
 * each with its own buffers, and everything that differs between calls travels with the call.
 *
 * @param <R> what the bound methods are called on: the user's reader, or a view of a recorded source
 */
public final class RecordFetcher<R> {
    /** Values read back at a time by {@code checkFinite}: 4 KB, in the cache whatever a record's size. */
    private static final int FINITE_CHUNK = 1024;

    private final ReaderBinding<R> binding;
    private final ReaderSource<R> readers;
    private final ErrorPolicy errorPolicy;
    private final boolean training;
    private final long seed;
    private final TimingRecorder timings;
    private final boolean describeRows;
    private final boolean checkFinite;

    /**
     * A fetcher whose threads take their reader from {@code readers}; {@code training} is what each record's
     * {@link RecordContext#training()} says; {@code timings} (null: none, at no cost) receives each batch's stage
     * times; {@code describeRows} keeps each row's record identity and description for the batch's metadata;
     * {@code checkFinite} makes a record with a NaN or an infinity among its values a failure of that record.
     */
    public RecordFetcher(ReaderBinding<R> binding, ReaderSource<R> readers, ErrorPolicy errorPolicy,
            boolean training, long seed, TimingRecorder timings, boolean describeRows, boolean checkFinite) {
        this.binding = Objects.requireNonNull(binding, "binding");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
        this.training = training;
        this.seed = seed;
        this.timings = timings;
        this.describeRows = describeRows;
        this.checkFinite = checkFinite;
    }

    /** Allocates buffers for batches of up to {@code capacity} records of this fetcher's outputs. */
    public BatchBuffers newBuffers(int capacity) {
        StageClock clock = timings == null ? StageClock.OFF : new StageClock(true);
        return new BatchBuffers(capacity, binding.features(), binding.labels(), clock, describeRows);
    }

    /**
     * Fills {@code into} with the records {@code records[0 .. count - 1]} of {@code epoch}, in that order. A record
     * whose method throws (an exception, or an {@code Error} such as an {@code AssertionError}) is thrown as a
     * {@link RecordException} naming it under {@code FAIL}; under {@code SKIP} it is left out (the next record takes
     * its row) and noted in the batch. A {@link VirtualMachineError} (out of memory, stack overflow) is a
     * {@code RecordException} under either policy. With {@code checkFinite}, a record that wrote a NaN or an
     * infinity into any input or output fails the same way, its cause an {@link ArithmeticException} naming the
     * output and the value's place. Afterwards {@code records[0 .. into.rows() - 1]} are the
     * records of the rows; {@code records} may be {@link BatchBuffers#recordSlots() into's own slots}.
     */
    public void fetch(int epoch, int[] records, int count, BatchBuffers into) throws RecordException {
        StageClock clock = into.clock();
        clock.start();
        R reader = readers.forThisThread();
        into.startFill();
        float[] scratch = checkFinite ? new float[FINITE_CHUNK] : null;
        int rows = 0;
        for (int i = 0; i < count; i++) {
            int record = records[i];
            try {
                write(reader, record, new RecordContext(seed, epoch, record, training), into, rows, clock);
                if (checkFinite) {
                    requireFinite(into, rows, scratch);
                }
                clock.countRecord();
            } catch (Exception | Error e) {
                clock.skip();
                String description = binding.describe(reader, record);
                // The JVM's own failures (out of memory, stack overflow) are no verdict on the record's data: they
                // stop the epoch under either policy, naming the record, and a resume reads the batch again.
                if (errorPolicy == ErrorPolicy.FAIL || e instanceof VirtualMachineError) {
                    throw new RecordException(record, description, Thread.currentThread().getName(), e);
                }
                into.addSkipped(new SkippedRecord(epoch, record, description, e));
                continue; // the row is written again by the next record
            }
            if (into.describesRows()) {
                into.describeRow(rows, binding.key(reader, record), binding.describe(reader, record));
            }
            into.recordSlots()[rows++] = record;
        }
        into.finishFill(rows);
        clock.lap(Stage.ASSEMBLE);
        if (timings != null) {
            timings.add(epoch, clock);
        }
    }

    /**
     * Writes every input and output of {@code record} into row {@code row}: each output's method gets its own context
     * (its own random stream, from {@code context}, the record's), and the outputs share what the record's scope
     * holds (images decoded once), released when the record is written or has failed.
     */
    private void write(R reader, int record, RecordContext context, BatchBuffers into, int row, StageClock clock)
            throws Exception {
        try (RecordScope scope = new RecordScope(context)) {
            List<Output<R>> features = binding.features();
            for (int i = 0; i < features.size(); i++) {
                Output<R> output = features.get(i);
                output.write(reader, scope, into.featureValues(i), row * output.length(), clock);
            }
            List<Output<R>> labels = binding.labels();
            for (int i = 0; i < labels.size(); i++) {
                Output<R> output = labels.get(i);
                output.write(reader, scope, into.labelValues(i), row * output.length(), clock);
            }
        }
    }

    /**
     * Throws when row {@code row} of any input or output holds a NaN or an infinity; reads the row back through
     * {@code scratch} in chunks.
     */
    private void requireFinite(BatchBuffers into, int row, float[] scratch) {
        List<Output<R>> features = binding.features();
        for (int i = 0; i < features.size(); i++) {
            requireFinite("features", features.get(i), into.featureValues(i), row, scratch);
        }
        List<Output<R>> labels = binding.labels();
        for (int i = 0; i < labels.size(); i++) {
            requireFinite("label", labels.get(i), into.labelValues(i), row, scratch);
        }
    }

    private static void requireFinite(String role, Output<?> output, FloatBuffer values, int row, float[] scratch) {
        int length = output.length();
        int from = row * length;
        for (int done = 0; done < length; done += scratch.length) {
            int count = Math.min(scratch.length, length - done);
            values.get(from + done, scratch, 0, count); // one bulk copy: far cheaper than a get() per value
            for (int i = 0; i < count; i++) {
                if (!Float.isFinite(scratch[i])) {
                    throw new ArithmeticException(role + " '" + output.name() + "' holds " + scratch[i]
                            + " at value " + (done + i) + " of " + length + " (checkFinite)");
                }
            }
        }
    }
}
