package io.dataseq.internal.engine;

/**
 * Fills {@code slot} with batch {@code batch} of the current pass of a {@link PrefetchEngine}. Called from worker
 * threads, several at once (each with its own slot), so it must be thread-safe.
 *
 * @param <S> the slot type
 */
@FunctionalInterface
public interface BatchLoader<S> {
    /** Loads one batch into {@code slot}; an exception is reported to the batch's consumer. */
    void load(int batch, S slot) throws Exception;
}
