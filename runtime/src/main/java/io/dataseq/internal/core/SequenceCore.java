package io.dataseq.internal.core;

import io.dataseq.BatchFailedException;
import io.dataseq.DataSeqException;
import io.dataseq.Position;
import io.dataseq.PrefetchSettings;
import io.dataseq.RecordException;
import io.dataseq.SkippedRecord;
import io.dataseq.index.RecordSubset;
import io.dataseq.internal.engine.PassCancelledException;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.engine.PrefetchEngine;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.fetch.BatchLease;
import io.dataseq.internal.fetch.SkipReport;
import io.dataseq.progress.ProgressListener;
import io.dataseq.stream.SourceException;
import io.dataseq.timing.PrefetchTuning;
import io.dataseq.timing.StageTimings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The one consumer core of every sequence: the pass over an epoch's batches on the prefetch engine, the lookahead
 * over empty batches, the buffers held by consumer threads, the skip report, the position to resume from, the
 * timings, the progress listener, the starved-consumer warning and the {@code AUTO} prefetch tuner. What differs
 * between a random access reader and a streaming one is only the {@link PassPlan} it is given; the DL4J adapters are
 * thin views over it.
 *
 * <p>Locking: the core's own monitor guards the pass state; the engine has its own lock, and the core may call the
 * engine while holding its monitor (never the reverse). {@code next()} waits for the engine outside the monitor, so
 * that one consumer's wait never blocks another's {@code position()} or {@code reset()}.
 */
public final class SequenceCore implements AutoCloseable {
    /** Failures that belong to one batch: kept by {@code hasNext()} for the {@code next()} that follows. */
    private static final Predicate<RuntimeException> FAILS_BATCH = e -> e instanceof RecordException
            || e instanceof BatchFailedException || e instanceof SourceException;

    private final PassPlan plan;
    private final PrefetchEngine<BatchBuffers> engine;
    private final SkipReport skipReport = new SkipReport();
    private final HeldBatches<BatchBuffers> held;
    private final Lookahead<BatchBuffers> lookahead = new Lookahead<>(); // guarded by this
    private final TimingRecorder timings;
    private final CoreSettings settings;
    /** Chooses AUTO workers and window over the first epoch; null when both were given. Guarded by this. */
    private final PrefetchTuner tuner;
    private volatile boolean closed;
    // Guarded by this.
    private int epoch;
    private int firstBatchOfNextPass;
    private boolean passStarted;
    /** The pass met the end of a source: no more batches this epoch. */
    private boolean passEnded;
    /**
     * The pass was stopped by a failure (a record under FAIL, a failed batch, a failed source): no more batches this
     * epoch, and the failed batch is not counted as delivered, so {@link #position()} points at it and a resume
     * reads it again, its good records included.
     */
    private RuntimeException stoppedBy;
    private int deliveredThisPass;
    private boolean epochOpen; // started, its end not yet told to the timings and the progress listener
    /** Counts passes started and ended, so that a consumer that waited outside the monitor knows its pass. */
    private long passes;
    private final SkipEverythingGuard skipGuard; // guarded by this

    /** A core over {@code plan}, whose workers add their stage times to {@code timings}; starts the workers. */
    public SequenceCore(PassPlan plan, CoreSettings settings, TimingRecorder timings) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timings = Objects.requireNonNull(timings, "timings");
        Position resume = settings.resumeFrom();
        if (resume != null) {
            if (resume.seed() != settings.seed()) {
                throw new IllegalArgumentException("the position was saved by a sequence with seed " + resume.seed()
                        + "; this one has seed " + settings.seed());
            }
            int batches = plan.batches(resume.epoch());
            if (batches != PassPlan.UNKNOWN && resume.batch() > batches) {
                throw new IllegalArgumentException("the position's batch " + resume.batch() + " is past the "
                        + batches + " batches of an epoch of this sequence");
            }
            this.epoch = resume.epoch();
            this.firstBatchOfNextPass = resume.batch();
        }
        this.skipGuard = new SkipEverythingGuard(settings.maxLeadingSkips());
        this.engine = new PrefetchEngine<>(settings.prefetch(), plan::newBuffers);
        this.held = new HeldBatches<>(this::recycle, engine::holders);
        if (settings.autoTuning() == null) {
            this.tuner = null;
            timings.prefetch(settings.prefetch(), PrefetchTuning.FIXED);
        } else {
            this.tuner = new PrefetchTuner(settings.autoTuning(), engine, timings);
        }
    }

    /** How a delivered batch becomes what {@code next()} returns; {@code copy} when it must outlive the buffer. */
    @FunctionalInterface
    public interface BatchView<T> {
        /**
         * The batch as the adapter's type; with a {@code lease} (null: unchecked), whose accessors check it on each
         * use, so that a batch used after its buffer was recycled says so instead of reading other records.
         */
        T of(BatchBuffers batch, boolean copy, BatchLease lease);
    }

    /**
     * See {@code PrefetchingIterator.hasNext()}. Waits for the engine outside the core's monitor, so that a consumer
     * waiting here never blocks {@code position()}, {@code reset()} or another consumer.
     */
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        long pass;
        synchronized (this) {
            startPassIfNeeded();
            pass = passes;
        }
        while (true) {
            synchronized (this) {
                if (lookahead.holds()) {
                    return true;
                }
                if (passes != pass || passEnded || stoppedBy != null || !engine.hasNext()) {
                    return false;
                }
            }
            BatchBuffers next;
            try {
                next = take();
            } catch (NoSuchElementException | PassCancelledException e) {
                continue; // another consumer took the last batch, or reset() ended the pass: look again
            } catch (RuntimeException e) {
                if (!FAILS_BATCH.test(e)) {
                    throw e;
                }
                synchronized (this) {
                    if (passes == pass) {
                        lookahead.keepFailure(e);
                    }
                }
                continue;
            }
            synchronized (this) {
                if (passes != pass) {
                    engine.release(next); // a batch of a pass reset() has ended
                } else if (!passOver(next)) {
                    lookahead.keep(next);
                }
            }
        }
    }

    /** The next batch as {@code view} makes it; this thread holds its buffer until its next call. */
    public <T> T next(BatchView<T> view) {
        held.releaseThisThread();
        BatchBuffers batch;
        long pass;
        synchronized (this) {
            if (closed) {
                // What hasNext() took before close() is not handed out: the engine below throws EngineClosed.
                lookahead.forget();
            }
            batch = lookahead.take();
            if (batch == null) {
                startPassIfNeeded();
            }
            pass = passes;
        }
        while (batch == null) {
            synchronized (this) {
                if (stoppedBy != null && !closed) {
                    throw new NoSuchElementException("epoch " + epoch + " stopped at batch " + nextBatch()
                            + " with " + stoppedBy + "; call reset() for the next epoch, or build a sequence with"
                            + " resumeFrom(position()) to read batch " + nextBatch() + " again");
                }
                if (passEnded && !closed) {
                    throw new NoSuchElementException("epoch " + epoch + " has ended: call reset() for the next");
                }
            }
            BatchBuffers candidate;
            try {
                candidate = take();
            } catch (PassCancelledException e) {
                throw resetWhileWaiting();
            }
            synchronized (this) {
                if (passes != pass) {
                    engine.release(candidate); // a batch of a pass reset() ended while this thread waited
                    throw resetWhileWaiting();
                }
                if (!passOver(candidate)) {
                    batch = candidate;
                }
            }
        }
        synchronized (this) {
            consumed(batch);
        }
        boolean copy = settings.copyBatches();
        T delivered = view.of(batch, copy, settings.checkStaleBatches() && !copy ? batch.lease() : null);
        held.delivered(batch, copy);
        return delivered;
    }

    /** Gives a buffer held by a consumer back to the engine: the views of it handed out are stale from now on. */
    private void recycle(BatchBuffers batch) {
        batch.recycled();
        engine.release(batch);
    }

    private synchronized NoSuchElementException resetWhileWaiting() {
        return new NoSuchElementException("the epoch was reset (by another thread) while this one waited for its next"
                + " batch; epoch " + epoch + " is next");
    }

    /** See {@code PrefetchingIterator.reset()}. */
    public void reset() {
        synchronized (this) {
            held.releaseAll();
            lookahead.release(engine::release);
            engine.cancel();
            endEpochIfOpen();
            if (passStarted && (deliveredThisPass > 0 || exhausted())) {
                epoch++;
                firstBatchOfNextPass = 0;
            }
            passStarted = false;
            passEnded = false;
            stoppedBy = null;
            deliveredThisPass = 0;
            passes++;
        }
    }

    /** Where this sequence is: the seed, the epoch, and the next batch to deliver. */
    public synchronized Position position() {
        if (passStarted && exhausted()) {
            return new Position(settings.seed(), epoch + 1, 0); // as reset() will record it
        }
        return new Position(settings.seed(), epoch, nextBatch());
    }

    /** Stops and joins the workers, then releases what the plan holds; idempotent. */
    @Override
    public void close() {
        closed = true;
        held.forget(BatchBuffers::recycled);
        try {
            engine.close();
        } finally {
            plan.close();
            synchronized (this) {
                endEpochIfOpen();
            }
        }
    }

    /** The epoch being read (or about to be), from 0. */
    public synchronized int epoch() {
        return epoch;
    }

    /** The batches of the current epoch, or {@link PassPlan#UNKNOWN}. */
    public synchronized int batchesPerEpoch() {
        return plan.batches(epoch);
    }

    /** The records an epoch covers, or {@link PassPlan#UNKNOWN}. */
    public synchronized int records() {
        return plan.records();
    }

    /** The records read, or null while not known. */
    public synchronized RecordSubset subset() {
        return plan.subset();
    }

    /** The plan's outputs. */
    public PassPlan plan() {
        return plan;
    }

    /** The records skipped so far, oldest first. */
    public List<SkippedRecord> skipped() {
        return skipReport.records();
    }

    /** Writes {@link #skipped()} to {@code file} as CSV. */
    public void writeSkipped(Path file) throws IOException {
        SkipReport.writeCsv(skipped(), file);
    }

    /** How many batch buffers have been allocated so far. */
    public int allocatedBuffers() {
        return engine.allocatedSlots();
    }

    /** The engine's settings now: with AUTO, the tuner's choice so far (fixed after the first epoch). */
    public PrefetchSettings prefetchSettings() {
        return engine.settings();
    }

    /** The timings of the epoch in progress, or of the last one. */
    public StageTimings timings() {
        return timings.snapshot();
    }

    /** Guarded by this. */
    private int nextBatch() {
        return passStarted ? firstBatchOfNextPass + deliveredThisPass : firstBatchOfNextPass;
    }

    /** Guarded by this: whether the pass has nothing more to deliver in its epoch. */
    private boolean exhausted() {
        int batches = plan.batches(epoch);
        return passEnded || (batches != PassPlan.UNKNOWN && nextBatch() >= batches);
    }

    /** Guarded by this. */
    private void startPassIfNeeded() {
        if (passStarted) {
            return;
        }
        endEpochIfOpen();
        timings.startEpoch(epoch);
        BatchLoader<BatchBuffers> planned = plan.pass(epoch, firstBatchOfNextPass);
        int passEpoch = epoch;
        BatchLoader<BatchBuffers> loader = (batch, into) -> {
            into.assign(passEpoch, batch); // what a lease on the batch names
            planned.load(batch, into);
        };
        int batches = plan.batches(epoch);
        // Before the workers start: once they run, a short source may be recorded before this line would ask.
        long records = plan.recordsFrom(epoch, firstBatchOfNextPass);
        engine.start(firstBatchOfNextPass, batches == PassPlan.UNKNOWN ? Integer.MAX_VALUE : batches, loader);
        passStarted = true;
        passEnded = false;
        stoppedBy = null;
        deliveredThisPass = 0;
        passes++;
        epochOpen = true;
        if (tuner != null) {
            tuner.passStarted();
        }
        if (settings.progress() != ProgressListener.NONE) {
            settings.progress().epochStarted(epoch, records);
        }
    }

    /**
     * The engine's next batch, the consumer's wait timed. A failed batch (a record under FAIL, any other failure of
     * the batch, a failed source) stops the pass: nothing after it is delivered this epoch, and the failed batch is
     * not counted as delivered, so a resume from {@link #position()} reads it again. A failed source is thrown as
     * its {@link SourceException}.
     */
    private BatchBuffers take() {
        long waitStart = System.nanoTime();
        try {
            return engine.next();
        } catch (RecordException | BatchFailedException e) {
            RuntimeException thrown = e instanceof BatchFailedException && e.getCause() instanceof SourceException
                    ? (SourceException) e.getCause() : e;
            synchronized (this) {
                stoppedBy = thrown;
                engine.cancel();
                endEpochIfOpen();
            }
            throw thrown;
        } finally {
            timings.addConsumerWait(System.nanoTime() - waitStart);
        }
    }

    /** Guarded by this. Passes over a batch past the end of the source, or with every record skipped. */
    private boolean passOver(BatchBuffers batch) {
        if (batch.pastEnd()) {
            passEnded = true;
            engine.release(batch);
            engine.cancel(); // every later batch is past the end too
            endEpochIfOpen();
            return true;
        }
        if (batch.rows() > 0) {
            return false;
        }
        try {
            consumed(batch);
        } finally {
            engine.release(batch);
        }
        return true;
    }

    /** Guarded by this. A batch reaches the consumer (or is passed over, empty): its skips become final. */
    private void consumed(BatchBuffers batch) {
        deliveredThisPass++;
        batch.skipped().forEach(skipReport::add);
        DataSeqException everythingSkipped = skipGuard.after(batch);
        if (everythingSkipped != null) {
            stoppedBy = everythingSkipped;
            engine.cancel();
            endEpochIfOpen();
            throw everythingSkipped;
        }
        if (settings.progress() != ProgressListener.NONE) {
            int skipped = batch.skipped().size();
            if (skipped > 0) {
                settings.progress().recordsSkipped(skipped);
            }
            if (batch.rows() > 0) {
                settings.progress().batchDelivered(batch.rows());
            }
        }
        plan.delivered(epoch, nextBatch());
        if (tuner != null) {
            tuner.delivered(epoch, nextBatch());
        }
        if (exhausted()) {
            endEpochIfOpen();
        }
    }

    /** Guarded by this. Stops the epoch's clock, warns when the consumer was starved, closes the progress bar. */
    private void endEpochIfOpen() {
        if (!epochOpen) {
            return;
        }
        epochOpen = false;
        timings.endEpoch();
        if (tuner != null) {
            tuner.epochEnded(timings.snapshot());
        }
        StageTimings epochTimings = timings.snapshot();
        StarvedWarning.checkEpoch(epochTimings, deliveredThisPass, settings.timingsOn(), engine.settings());
        if (settings.progress() != ProgressListener.NONE) {
            settings.progress().epochEnded(epochTimings);
        }
    }
}
