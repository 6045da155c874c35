package io.dataseq.internal.core;

import io.dataseq.Position;
import io.dataseq.PrefetchSettings;
import io.dataseq.progress.ProgressListener;

/**
 * The settings of a {@link SequenceCore}, as the builder resolved them.
 *
 * @param prefetch workers, window and timeouts of the prefetch engine (with {@code AUTO}, where the tuner starts)
 * @param seed the seed a {@link Position} is saved with
 * @param copyBatches whether {@code next()} hands out copies instead of views of reused buffers
 * @param timingsOn whether the workers time each stage (the consumer's wait is always timed)
 * @param progress told of each epoch's start and end and each batch delivered
 * @param resumeFrom where to start, or null for the first batch of epoch 0
 * @param maxLeadingSkips records that SKIP may skip before any row is delivered; one more stops the sequence
 * @param checkStaleBatches whether a batch handed out as views carries a lease its adapter checks on each use
 * @param autoTuning what the {@code AUTO} tuner may change, from {@code prefetch} as where it starts; null when
 *     the workers and the prefetch were both given
 */
public record CoreSettings(PrefetchSettings prefetch, long seed, boolean copyBatches, boolean timingsOn,
        ProgressListener progress, Position resumeFrom, int maxLeadingSkips, boolean checkStaleBatches,
        AutoTuning autoTuning) {}
