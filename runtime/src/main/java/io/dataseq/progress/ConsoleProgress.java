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
 * ETA. The library redraws its bars on one daemon thread of its own, shared by every bar of the JVM and kept
 * after them (DataSeq's {@code close()} cannot join it); a bar's {@code close()} at the end of each epoch stops
 * its redrawing.
 */
final class ConsoleProgress implements ProgressListener {
    private final java.util.function.Supplier<ProgressBarConsumer> consumers;
    private final Duration redraw;
    private ProgressBar bar;

    private ConsoleProgress(java.util.function.Supplier<ProgressBarConsumer> consumers, Duration redraw) {
        this.consumers = consumers;
        this.redraw = redraw;
    }

    static ConsoleProgress onStandardError() {
        return new ConsoleProgress(() -> new ConsoleProgressBarConsumer(System.err), Duration.ofMillis(500));
    }

    /** A bar whose every redrawn line goes to {@code lines}; for tests. */
    static ConsoleProgress toLines(Consumer<String> lines, Duration redraw) {
        return new ConsoleProgress(() -> new DelegatingProgressBarConsumer(lines::accept), redraw);
    }

    @Override
    public void epochStarted(int epoch, long records) {
        closeBar();
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
    public void epochEnded(StageTimings timings) {
        if (bar != null && timings.consumerWaitShare() > 0) {
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, "waited for data %.0f%%",
                    100 * timings.consumerWaitShare()));
        }
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
