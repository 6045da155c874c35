package io.dataseq.timing;

/**
 * Whether the workers and prefetch a sequence's {@link StageTimings} report were given or chosen by {@code AUTO}.
 * See {@code docs/user-guide.md}, "Threads".
 */
public enum PrefetchTuning {
    /** Both were given (to the builder or the annotation), or the sequence has no workers: they never change. */
    FIXED,
    /** At least one is {@code AUTO} and its first epoch is being read: the values change as the tuner learns. */
    TUNING,
    /** At least one is {@code AUTO}: chosen over the first epoch, and fixed since. */
    TUNED
}
