package io.dataseq.internal.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.PrefetchSettings;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageTimings;
import org.junit.jupiter.api.Test;

/** What the starved-consumer warning suggests, for a given number of cores: never more workers than cores. */
class StarvedWarningTest {

    /** Epoch 4, in which the consumer waited {@code waitShare} of 10 s. */
    private static StageTimings epoch(double waitShare) {
        long elapsed = 10_000_000_000L;
        return new StageTimings(4, 800, 20, new long[Stage.values().length], (long) (waitShare * elapsed), elapsed);
    }

    private static String warning(int workers, int cores) {
        return StarvedWarning.warning(epoch(0.6), 20, false, PrefetchSettings.of(workers, 6), cores);
    }

    @Test
    void fewerWorkersThanCoresSuggestsMoreUpToTheCores() {
        String warning = warning(2, 8);
        assertTrue(warning.startsWith("the consumer waited for data 60% of epoch 4 (6.00 s of 10.00 s)"), warning);
        assertTrue(warning.contains("Try more workers (now 2, up to the 8 cores), a larger prefetch (now 6), or less"
                + " decoding per record"), warning);
    }

    @Test
    void asManyWorkersAsCoresSaysSoAndSuggestsNoMore() {
        for (int workers : new int[] {2, 5}) {
            String warning = warning(workers, 2);
            assertFalse(warning.contains("Try more workers"), warning);
            assertTrue(warning.contains("The workers (now " + workers + ") are already as many as the cores (2): more"
                    + " would only take turns. Try a larger prefetch (now 6), or less decoding per record"), warning);
        }
    }

    @Test
    void aShortOrFedEpochIsNotWarned() {
        PrefetchSettings settings = PrefetchSettings.of(1, 2);
        assertNull(StarvedWarning.warning(epoch(0.6), StarvedWarning.WAIT_WARNING_MIN_BATCHES - 1, false, settings,
                4));
        assertNull(StarvedWarning.warning(epoch(0.2), 100, false, settings, 4));
    }
}
