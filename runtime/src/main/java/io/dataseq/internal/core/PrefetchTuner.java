package io.dataseq.internal.core;

import io.dataseq.EngineClosedException;
import io.dataseq.PrefetchSettings;
import io.dataseq.internal.engine.PrefetchEngine;
import io.dataseq.internal.engine.WorkerTime;
import io.dataseq.timing.PrefetchTuning;
import io.dataseq.timing.StageTimings;
import java.util.Locale;
import java.util.Objects;

/**
 * Chooses {@code AUTO} workers and prefetch over the first epoch a sequence reads, from what it measures as the
 * batches go by, then keeps them: tf.data's {@code AUTOTUNE} idea, for the smallest worker count and window with which
 * the consumer does not wait for data, within a memory budget and without taking the core the consumer computes on.
 *
 * <p><b>The rule.</b> It starts small: one worker (or the workers given) and a window of as many batches as workers
 * (or the prefetch given). Every {@value #STEP_BATCHES} batches the consumer receives (from the second batch of a
 * pass on: the first is always waited for), it looks at that step: the share of its time the consumer waited in
 * {@code hasNext()}/{@code next()} (the wait the timings count), the active workers' busy share (their time loading
 * batches over {@code workers x} the step), and the share of their time the window held them back (the pass had
 * batches left, none was submitted).
 * <ul>
 *   <li>The consumer waited more than {@value #WAITING} of the step: when the window held the workers back more than
 *       {@value #HELD_BACK} of their time, the window grows by one batch, up to {@value #WINDOW_PER_WORKER} batches
 *       per active worker (PyTorch's default {@code prefetch_factor}) and within the memory budget ({@code window + 1}
 *       buffers fit in it); otherwise, when the workers were busy at least {@value #BUSY} of their time, one more
 *       worker is made active, the window growing with it to at least one batch per worker, up to a worker per core
 *       while the consumer only waits, and to all cores but one while it computes (it waited less than
 *       {@value #COMPUTING} of the step): ND4J's threads compute on that core.</li>
 *   <li>The consumer waited less than {@value #NEVER_WAITING} of the step and one worker fewer would have been busy
 *       less than {@value #SPARE_BUSY} of its time: one worker is made inactive (the window stays: its buffers are
 *       made already).</li>
 *   <li>Otherwise nothing changes: the workers keep up, or they are at the ceiling and only more cores would help.</li>
 * </ul>
 * At the end of the first epoch that gave it a step (a reset, a failure or {@code close()} ends an epoch too) it
 * stops measuring and keeps the values: logged once at {@code INFO}, each change before at {@code DEBUG}, with the
 * logger {@code io.dataseq.dl4j.PrefetchingIterator}; the timings report them throughout. Given values are never
 * changed. None of this changes a batch: which records, their values and their order depend on (seed, epoch, record)
 * alone.
 *
 * <p>Not thread-safe: the core calls it under its monitor.
 */
final class PrefetchTuner {
    /** Batches delivered between two looks at the measurements. */
    static final int STEP_BATCHES = 8;
    /** The consumer's wait share above which the tuner adds a worker or a window slot. */
    static final double WAITING = 0.05;
    /** The consumer's wait share below which the tuner may take a worker away. */
    static final double NEVER_WAITING = 0.01;
    /** The active workers' busy share from which one more worker may help. */
    static final double BUSY = 0.8;
    /** The share of the active workers' time held back by the window above which the window grows. */
    static final double HELD_BACK = 0.1;
    /** One worker fewer would be busy less than this share of its time: it can go. */
    static final double SPARE_BUSY = 0.7;
    /** The most batches in flight per active worker the tuner grows the window to. */
    static final int WINDOW_PER_WORKER = 2;
    /** Below this wait share the consumer computes more than it waits: a core is left to it. */
    static final double COMPUTING = 0.5;

    private static final System.Logger LOG = System.getLogger("io.dataseq.dl4j.PrefetchingIterator");

    /** Active workers and window. */
    record Choice(int workers, int window) {}

    /**
     * What one step measured.
     *
     * @param nanos the step's elapsed time
     * @param waitNanos the consumers' wait for batches in it
     * @param work the workers' time in it
     */
    record Step(long nanos, long waitNanos, WorkerTime work) {}

    private final AutoTuning limits;
    private final PrefetchEngine<?> engine;
    private final TimingRecorder timings;
    private final Choice first;
    private Choice now;
    private boolean frozen;
    private int steps;
    private boolean stepOpen;
    private int stepBatches;
    private long stepStart;
    private long waitAtStepStart;
    private WorkerTime workAtStepStart;

    /** Tunes {@code engine} from its settings now, within {@code limits}; starts its measuring. */
    PrefetchTuner(AutoTuning limits, PrefetchEngine<?> engine, TimingRecorder timings) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.engine = engine;
        this.timings = timings;
        PrefetchSettings settings = engine.settings();
        this.first = new Choice(settings.workers(), settings.window());
        this.now = first;
        engine.measure(true);
        timings.prefetch(settings, PrefetchTuning.TUNING);
    }

    /** What the tuner does after a step that measured {@code step}, from {@code now}, within {@code limits}. */
    static Choice next(Choice now, Step step, AutoTuning limits) {
        double nanos = Math.max(1, step.nanos());
        double waited = Math.min(1, step.waitNanos() / nanos);
        int workers = now.workers();
        int window = now.window();
        WorkerTime work = step.work();
        if (waited > WAITING) {
            boolean heldBack = work.heldBackNanos() / (workers * nanos) > HELD_BACK;
            int largest = Math.min(limits.maxWindow(), WINDOW_PER_WORKER * workers);
            if (limits.window() && window < largest && heldBack) {
                return new Choice(workers, window + 1);
            }
            boolean busy = work.loadNanos() / (workers * nanos) >= BUSY;
            if (limits.workers() && busy && workers < ceiling(waited, window, limits)) {
                return new Choice(workers + 1, Math.max(window, workers + 1));
            }
            return now;
        }
        if (waited < NEVER_WAITING && limits.workers() && workers > 1
                && work.loadNanos() / ((workers - 1) * nanos) < SPARE_BUSY) {
            return new Choice(workers - 1, window);
        }
        return now;
    }

    /**
     * The most workers after a step in which the consumer waited {@code waited} of the time: the cores it leaves them
     * (all when it only waits, all but one when it computes), no more than the window has batches when it was given,
     * and within the limits.
     */
    static int ceiling(double waited, int window, AutoTuning limits) {
        int cores = Math.max(1, waited < COMPUTING ? limits.cores() - 1 : limits.cores());
        return Math.min(Math.min(cores, limits.maxWorkers()), limits.window() ? limits.maxWindow() : window);
    }

    /** A pass starts: its first batch is waited for whatever the settings, so a step starts after it. */
    void passStarted() {
        stepOpen = false;
    }

    /** A batch reached a consumer; every {@value #STEP_BATCHES} of them, a step. */
    void delivered(int epoch, int nextBatch) {
        if (frozen) {
            return;
        }
        if (stepOpen && ++stepBatches >= STEP_BATCHES) {
            Step step = new Step(System.nanoTime() - stepStart, timings.consumerWaitNanos() - waitAtStepStart,
                    engine.workerTime().since(workAtStepStart));
            steps++;
            Choice next = next(now, step, limits);
            if (!next.equals(now)) {
                try {
                    engine.resize(next.workers(), next.window());
                } catch (EngineClosedException e) {
                    return; // closed while this consumer took its batch: nothing left to tune
                }
                int stepWorkers = now.workers();
                now = next;
                timings.prefetch(engine.settings(), PrefetchTuning.TUNING);
                double nanos = Math.max(1, step.nanos());
                LOG.log(System.Logger.Level.DEBUG, () -> String.format(Locale.ROOT, "AUTO prefetch: %s from batch %d"
                        + " of epoch %d (over the last %d batches the consumer waited %.0f%% of the time; the %d"
                        + " active workers were busy %.0f%% of theirs and held back by the window %.0f%%)",
                        describe(next), nextBatch, epoch, STEP_BATCHES, 100 * Math.min(1, step.waitNanos() / nanos),
                        stepWorkers, 100 * step.work().loadNanos() / (stepWorkers * nanos),
                        100 * step.work().heldBackNanos() / (stepWorkers * nanos)));
            }
        }
        if (!stepOpen || stepBatches >= STEP_BATCHES) {
            stepOpen = true;
            stepBatches = 0;
            stepStart = System.nanoTime();
            waitAtStepStart = timings.consumerWaitNanos();
            workAtStepStart = engine.workerTime();
        }
    }

    /**
     * An epoch ended ({@code epochTimings} its timings): the first to give the tuner a step fixes the values, says
     * so in the log, and stops the engine's measuring.
     */
    void epochEnded(StageTimings epochTimings) {
        stepOpen = false;
        if (frozen || steps == 0) {
            return;
        }
        frozen = true;
        engine.measure(false);
        PrefetchSettings chosen = engine.settings();
        timings.prefetch(chosen, PrefetchTuning.TUNED);
        LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT, "AUTO prefetch chose %s over epoch %d,"
                + " starting from %s (%d cores; a batch's buffers take %s, the memory budget of %s holds a window of"
                + " up to %d; the consumer waited %.0f%% of the epoch)", describe(now), epochTimings.epoch(),
                describe(first), limits.cores(), bytes(limits.batchBytes()), bytes(limits.memoryBudget()),
                limits.maxWindow(), 100 * epochTimings.consumerWaitShare()));
    }

    /** E.g. "2 workers and a prefetch of 3", each value marked when it was given. */
    private String describe(Choice choice) {
        return choice.workers() + (choice.workers() == 1 ? " worker" : " workers")
                + (limits.workers() ? "" : " (given)") + " and a prefetch of " + choice.window()
                + (limits.window() ? "" : " (given)");
    }

    private static String bytes(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : bytes < 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
