package io.dataseq.progress;

import io.dataseq.timing.StageTimings;

/**
 * Told of a sequence's progress on the consumer's thread, as batches are handed out: give one to a builder's
 * {@code progress(listener)}, or use {@code progress(true)} for {@link #console()}'s bar. Calls for one sequence
 * never overlap; they must be quick, since the consumer waits for them.
 */
public interface ProgressListener {
    /** A listener that does nothing: the default, and what {@link #console()} gives without a terminal. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void epochStarted(int epoch, long records) {}

        @Override
        public void batchDelivered(int records) {}

        @Override
        public void epochEnded(StageTimings timings) {}
    };

    /**
     * An epoch's first {@code hasNext()} or {@code next()}: the pass will visit {@code records} records (the rest of
     * the epoch when resumed mid-epoch), each either delivered or, under {@code SKIP}, skipped.
     */
    void epochStarted(int epoch, long records);

    /** A batch of {@code records} records was handed to the consumer. */
    void batchDelivered(int records);

    /**
     * {@code records} records of a batch were skipped under {@code ErrorPolicy.SKIP} (they are in the sequence's
     * {@code skipped()} report): they are not delivered this epoch, so delivered and skipped records together make
     * up the {@code records} of {@link #epochStarted}. Told before the batch's {@link #batchDelivered}, and for a
     * batch whose every record was skipped (which is passed over, never delivered). Does nothing by default.
     */
    default void recordsSkipped(int records) {}

    /** The epoch's last batch was handed out, or the epoch was cut short by {@code reset()} or {@code close()}. */
    void epochEnded(StageTimings timings);

    /**
     * A bar on the console per epoch, with records/s and the time left (the {@code me.tongfei:progressbar} library,
     * which the application adds to its class path); {@link #NONE} when the output is not a terminal
     * ({@link System#console()} is null: a CI log, a pipe), so logs get no bar characters.
     *
     * @throws IllegalStateException when there is a terminal but {@code me.tongfei:progressbar} is missing
     */
    static ProgressListener console() {
        if (System.console() == null) {
            return NONE;
        }
        try {
            return ConsoleProgress.onStandardError();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("progress(true) draws its bar with me.tongfei:progressbar, which is not"
                    + " on the class path; add the dependency me.tongfei:progressbar:0.10.2, or pass your own"
                    + " ProgressListener", e);
        }
    }
}
