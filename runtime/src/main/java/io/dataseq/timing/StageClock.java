package io.dataseq.timing;

/**
 * A stopwatch of laps for one thread filling one batch: each {@link #lap(Stage)} adds the time since the previous
 * lap (or {@link #start()}) to a stage. One {@link System#nanoTime()} per lap and no allocation, so it can run on
 * every record. Not thread-safe: a batch is filled by one worker at a time.
 */
public final class StageClock {
    /** A clock that records nothing, for callers that do not time (tools, tests). */
    public static final StageClock OFF = new StageClock(false);

    private final boolean on;
    private final long[] nanos = new long[Stage.values().length];
    private long mark;
    private int records;

    /** A clock that records when {@code on}; an off clock costs one branch per call. */
    public StageClock(boolean on) {
        this.on = on;
    }

    /** Clears the laps and starts timing now. */
    public void start() {
        if (on) {
            java.util.Arrays.fill(nanos, 0L);
            records = 0;
            mark = System.nanoTime();
        }
    }

    /** Adds the time since the previous lap to {@code stage}. */
    public void lap(Stage stage) {
        if (on) {
            long now = System.nanoTime();
            nanos[stage.ordinal()] += now - mark;
            mark = now;
        }
    }

    /** Starts the next lap now, leaving the time since the previous one out of every stage. */
    public void skip() {
        if (on) {
            mark = System.nanoTime();
        }
    }

    /** Counts a record read into the batch. */
    public void countRecord() {
        records++;
    }

    /** Whether this clock records. */
    public boolean on() {
        return on;
    }

    /** The nanoseconds lapped in {@code stage} since the last start (for the runtime's recorder). */
    public long nanos(Stage stage) {
        return nanos[stage.ordinal()];
    }

    /** The records counted since the last start (for the runtime's recorder). */
    public int records() {
        return records;
    }
}
