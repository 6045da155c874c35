package io.dataseq.internal.core;

import io.dataseq.PrefetchSettings;
import io.dataseq.timing.PrefetchTuning;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageClock;
import io.dataseq.timing.StageTimings;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sums the laps of every worker's {@link StageClock} and the consumer's waits over one epoch, without locks
 * ({@link LongAdder}s: workers add once per batch). {@link #startEpoch} begins a new sum; a batch of an earlier
 * epoch that finishes late (it was cancelled by {@code reset()}) is left out. Also holds the workers and window the
 * engine runs with, as the core (and its {@code AUTO} tuner) last told it, for the snapshots to report.
 */
public final class TimingRecorder {
    private final LongAdder[] stages = new LongAdder[Stage.values().length];
    private final LongAdder records = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder consumerWait = new LongAdder();
    private volatile int epoch;
    private volatile long startNanos = System.nanoTime();
    private volatile long endNanos = -1;
    private volatile Prefetch prefetch = new Prefetch(0, 0, PrefetchTuning.FIXED);

    /** The workers and window, and whether they are AUTO's, read together. */
    private record Prefetch(int workers, int window, PrefetchTuning tuning) {}

    /** A recorder of epoch 0, started now. */
    public TimingRecorder() {
        for (int i = 0; i < stages.length; i++) {
            stages[i] = new LongAdder();
        }
    }

    /** Clears the sums and starts timing {@code epoch} now. */
    public void startEpoch(int epoch) {
        this.epoch = epoch;
        for (LongAdder stage : stages) {
            stage.reset();
        }
        records.reset();
        batches.reset();
        consumerWait.reset();
        startNanos = System.nanoTime();
        endNanos = -1;
    }

    /** Stops the epoch's clock: the elapsed time no longer grows. */
    public void endEpoch() {
        if (endNanos < 0) {
            endNanos = System.nanoTime();
        }
    }

    /** Adds one filled batch's laps, if it belongs to the epoch being timed. */
    public void add(int batchEpoch, StageClock clock) {
        if (!clock.on() || batchEpoch != epoch) {
            return;
        }
        for (Stage stage : Stage.values()) {
            stages[stage.ordinal()].add(clock.nanos(stage));
        }
        records.add(clock.records());
        batches.increment();
    }

    /** Adds time the consumer spent waiting for a batch. */
    public void addConsumerWait(long nanos) {
        consumerWait.add(nanos);
    }

    /** The consumer's wait so far this epoch, in nanoseconds. */
    long consumerWaitNanos() {
        return consumerWait.sum();
    }

    /** The engine now runs with {@code settings}' workers and window, given or chosen as {@code tuning} says. */
    void prefetch(PrefetchSettings settings, PrefetchTuning tuning) {
        prefetch = new Prefetch(settings.workers(), settings.window(), tuning);
    }

    /** The sums so far. */
    public StageTimings snapshot() {
        long[] totals = new long[stages.length];
        for (int i = 0; i < totals.length; i++) {
            totals[i] = stages[i].sum();
        }
        long end = endNanos;
        long elapsed = (end < 0 ? System.nanoTime() : end) - startNanos;
        Prefetch now = prefetch;
        return new StageTimings(epoch, records.sum(), batches.sum(), totals, consumerWait.sum(), elapsed,
                now.workers(), now.window(), now.tuning());
    }
}
