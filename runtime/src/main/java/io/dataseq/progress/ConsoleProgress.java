package io.dataseq.progress;

import io.dataseq.timing.StageTimings;
import java.time.Duration;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One {@code me.tongfei:progressbar} bar per epoch, counting records, with the library's speed (records/s) and
 * ETA. A skipped record leaves the count to deliver (so the bar ends full when records are skipped) and is counted
 * after the speed ("12 skipped"), followed at the epoch's end by the share of time the consumer waited. The
 * library redraws its bars on one daemon thread of its own, shared by every bar of the JVM and kept after them
 * (DataSeq's {@code close()} cannot join it); a bar's {@code close()} at the end of each epoch stops its
 * redrawing.
 */
final class ConsoleProgress implements ProgressListener {
    private final java.util.function.Supplier<ProgressBarConsumer> consumers;
    private final Duration redraw;
    private ProgressBar bar;
    private long skipped;

    private ConsoleProgress(java.util.function.Supplier<ProgressBarConsumer> consumers, Duration redraw) {
        this.consumers = consumers;
        this.redraw = redraw;
    }

    static ConsoleProgress onStandardError() {
        return new ConsoleProgress(() -> new ConsoleProgressBarConsumer(System.err), Duration.ofMillis(500));
    }

    /** A bar of at most {@code width} characters whose every redrawn line goes to {@code lines}; for tests. */
    static ConsoleProgress toLines(Consumer<String> lines, int width, Duration redraw) {
        return new ConsoleProgress(() -> new DelegatingProgressBarConsumer(lines::accept, width), redraw);
    }

    @Override
    public void epochStarted(int epoch, long records) {
        closeBar();
        skipped = 0;
        bar = new ProgressBarBuilder()
                .setTaskName("epoch " + epoch)
                .setInitialMax(records)
                .setUnit(" records", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis((int) redraw.toMillis())
                .showSpeed()
                .setConsumer(consumers.get())
                .build();
    }

    @Override
    public void batchDelivered(int records) {
        if (bar != null) {
            bar.stepBy(records);
        }
    }

    @Override
    public void recordsSkipped(int records) {
        if (bar != null) {
            skipped += records;
            if (!bar.isIndefinite()) { // a stream's first epoch, of unknown length, has no count to lower
                bar.maxHint(Math.max(bar.getCurrent(), bar.getMax() - records));
            }
            bar.setExtraMessage(extraMessage(null));
        }
    }

    @Override
    public void epochEnded(StageTimings timings) {
        if (bar != null) {
            bar.setExtraMessage(extraMessage(timings));
        }
        closeBar();
    }

    /**
     * What follows the speed: the skipped records, then (at the epoch's end) the consumer's wait. It starts with a
     * space, as the library joins it to the speed without one.
     */
    private String extraMessage(StageTimings ended) {
        StringBuilder message = new StringBuilder();
        if (skipped > 0) {
            message.append(' ').append(skipped).append(" skipped");
        }
        if (ended != null && ended.consumerWaitShare() > 0) {
            message.append(skipped > 0 ? ", " : " ").append(String.format(java.util.Locale.ROOT,
                    "waited for data %.0f%%", 100 * ended.consumerWaitShare()));
        }
        return message.toString();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
