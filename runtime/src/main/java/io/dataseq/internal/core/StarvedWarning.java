package io.dataseq.internal.core;

import io.dataseq.PrefetchSettings;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageTimings;
import java.util.Locale;

/**
 * The once-per-epoch warning that the consumer waited for data too long, with what to try. Logged with the
 * {@link System.Logger} {@code io.dataseq.dl4j.PrefetchingIterator}, the name users configure.
 */
final class StarvedWarning {
    /** The consumer's share of waiting for data above which an epoch ends with a warning. */
    static final double WAIT_WARNING_SHARE = 0.3;
    /** Epochs of fewer batches than this are too short to judge: the first batch is always waited for. */
    static final int WAIT_WARNING_MIN_BATCHES = 8;

    private static final System.Logger LOG = System.getLogger("io.dataseq.dl4j.PrefetchingIterator");

    private StarvedWarning() {}

    /** Warns when the consumer of an epoch of {@code batches} batches was starved. */
    static void checkEpoch(StageTimings epoch, int batches, boolean timingsOn, PrefetchSettings settings) {
        String warning = warning(epoch, batches, timingsOn, settings, Runtime.getRuntime().availableProcessors());
        if (warning != null) {
            LOG.log(System.Logger.Level.WARNING, warning);
        }
    }

    /**
     * The warning for an epoch of {@code batches} batches on a machine of {@code cores} cores, or null when the
     * consumer was not starved. More workers are suggested only up to the cores: a worker decodes on a core of its
     * own, so workers beyond them only take turns.
     */
    static String warning(StageTimings epoch, int batches, boolean timingsOn, PrefetchSettings settings,
            int cores) {
        if (batches < WAIT_WARNING_MIN_BATCHES || epoch.consumerWaitShare() <= WAIT_WARNING_SHARE) {
            return null;
        }
        StringBuilder perRecord = new StringBuilder();
        if (timingsOn) {
            perRecord.append(" Per record, the workers spent");
            for (Stage stage : Stage.values()) {
                perRecord.append(stage.ordinal() == 0 ? " " : ", ")
                        .append(String.format(Locale.ROOT, "%.1f us in %s", epoch.perRecord(stage).toNanos() / 1e3,
                                stage.name().toLowerCase(Locale.ROOT)));
            }
            perRecord.append('.');
        }
        int workers = settings.workers();
        String tryThis = workers < cores
                ? String.format(Locale.ROOT, "Try more workers (now %d, up to the %d cores), a larger prefetch (now"
                        + " %d), or", workers, cores, settings.window())
                : String.format(Locale.ROOT, "The workers (now %d) are already as many as the cores (%d): more would"
                        + " only take turns. Try a larger prefetch (now %d), or", workers, cores, settings.window());
        return String.format(Locale.ROOT, "the consumer waited for data %.0f%% of epoch %d (%.2f s of %.2f s): the"
                + " workers cannot keep up with it.%s %s less decoding per record (images declared at the size the"
                + " model needs, reducedDecode for large JPEGs, lighter augmentation).",
                100 * epoch.consumerWaitShare(), epoch.epoch(), epoch.consumerWait().toNanos() / 1e9,
                epoch.elapsed().toNanos() / 1e9, perRecord, tryThis);
    }
}
