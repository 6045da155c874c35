package io.dataseq.timing;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one epoch's time went, as a sequence's {@code timings()} saw it: the workers' time per {@link Stage} (summed
 * over workers, so with two busy workers it grows twice as fast as the clock), the time the consumer waited in
 * {@code hasNext()} and {@code next()} for a batch that was not ready, and the epoch's elapsed time so far.
 * Immutable.
 *
 * <p>A consumer that waits for a large share of the epoch is starved: the workers cannot keep up with it. The
 * stage totals say why (a slow read points at the storage, a slow decode at large images), and
 * {@link #consumerWaitShare()} by how much. The workers and prefetch the sequence ran with are part of them: with
 * {@code AUTO}, what the tuner had chosen when they were taken ({@link #prefetchTuning()}).
 */
public final class StageTimings {
    private final int epoch;
    private final long records;
    private final long batches;
    private final long[] stageNanos;
    private final long consumerWaitNanos;
    private final long elapsedNanos;
    private final int workers;
    private final int prefetch;
    private final PrefetchTuning prefetchTuning;

    /**
     * A snapshot without the workers and prefetch: {@link #workers()} and {@link #prefetch()} are 0, and
     * {@link #toString()} leaves them out.
     */
    public StageTimings(int epoch, long records, long batches, long[] stageNanos, long consumerWaitNanos,
            long elapsedNanos) {
        this(epoch, records, batches, stageNanos, consumerWaitNanos, elapsedNanos, 0, 0, PrefetchTuning.FIXED);
    }

    /** A snapshot; made by the runtime's recorder. */
    public StageTimings(int epoch, long records, long batches, long[] stageNanos, long consumerWaitNanos,
            long elapsedNanos, int workers, int prefetch, PrefetchTuning prefetchTuning) {
        this.epoch = epoch;
        this.records = records;
        this.batches = batches;
        this.stageNanos = stageNanos.clone();
        this.consumerWaitNanos = consumerWaitNanos;
        this.elapsedNanos = Math.max(0, elapsedNanos);
        this.workers = workers;
        this.prefetch = prefetch;
        this.prefetchTuning = Objects.requireNonNull(prefetchTuning, "prefetchTuning");
    }

    /** The worker threads taking batches when these timings were taken (0: read on the consumer's thread). */
    public int workers() {
        return workers;
    }

    /** The prefetch window (batches read ahead) when these timings were taken. */
    public int prefetch() {
        return prefetch;
    }

    /** Whether {@link #workers()} and {@link #prefetch()} were given, or chosen by {@code AUTO}, and if so finally. */
    public PrefetchTuning prefetchTuning() {
        return prefetchTuning;
    }

    /** The epoch these timings are of. */
    public int epoch() {
        return epoch;
    }

    /** Records read by the workers so far this epoch (skipped records not included). */
    public long records() {
        return records;
    }

    /** Batches filled by the workers so far this epoch. */
    public long batches() {
        return batches;
    }

    /** The workers' total time in {@code stage}, summed over workers. */
    public Duration total(Stage stage) {
        return Duration.ofNanos(stageNanos[stage.ordinal()]);
    }

    /** The mean time per record in {@code stage}; zero before the first record. */
    public Duration perRecord(Stage stage) {
        return records == 0 ? Duration.ZERO : Duration.ofNanos(stageNanos[stage.ordinal()] / records);
    }

    /** The workers' time in all stages, summed over workers. */
    public Duration workerTotal() {
        long sum = 0;
        for (long nanos : stageNanos) {
            sum += nanos;
        }
        return Duration.ofNanos(sum);
    }

    /** How long the consumer waited for batches that were not ready (with {@code workers(0)}: all reading). */
    public Duration consumerWait() {
        return Duration.ofNanos(consumerWaitNanos);
    }

    /** The time from the epoch's first {@code hasNext()} or {@code next()} to its last batch (or now). */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos);
    }

    /** The consumer's wait as a share of the elapsed time, from 0 to 1; 0 before the epoch started. */
    public double consumerWaitShare() {
        return elapsedNanos == 0 ? 0 : Math.min(1.0, (double) consumerWaitNanos / elapsedNanos);
    }

    /** Records per second of elapsed time; 0 before the first record. */
    public double recordsPerSecond() {
        return elapsedNanos == 0 ? 0 : records * 1e9 / elapsedNanos;
    }

    /**
     * One line, e.g. {@code epoch 0: 20000 records in 1.52 s (13158/s); per record read 9.1 us, decode 61.0 us,
     * transform 3.2 us, assemble 2.0 us; consumer waited 0.09 s (6%); 2 workers, prefetch 3 (chosen by AUTO)}. The
     * note after the prefetch is {@code (AUTO, tuning)} while the first epoch is still being tuned, and nothing for
     * values that were given.
     */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d: %d records in %.2f s (%.0f/s);"
                + " per record", epoch, records, elapsedNanos / 1e9, recordsPerSecond()));
        for (Stage stage : Stage.values()) {
            line.append(stage.ordinal() == 0 ? " " : ", ").append(stage.name().toLowerCase(Locale.ROOT))
                    .append(String.format(Locale.ROOT, " %.1f us", perRecord(stage).toNanos() / 1e3));
        }
        line.append(String.format(Locale.ROOT, "; consumer waited %.2f s (%.0f%%)", consumerWaitNanos / 1e9,
                100 * consumerWaitShare()));
        if (prefetch > 0) {
            line.append("; ").append(workers).append(workers == 1 ? " worker" : " workers").append(", prefetch ")
                    .append(prefetch).append(switch (prefetchTuning) {
                        case FIXED -> "";
                        case TUNING -> " (AUTO, tuning)";
                        case TUNED -> " (chosen by AUTO)";
                    });
        }
        return line.toString();
    }
}
