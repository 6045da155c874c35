package io.dataseq;

import java.time.Duration;

/**
 * How a sequence prefetches: its worker threads and window, after {@code AUTO} was resolved
 * ({@code sequence.prefetchSettings()}), and the timeouts of waiting for a batch and of closing.
 *
 * @param workers worker threads; 0 loads every batch on the consumer's thread, inside {@code next()}
 * @param window the most batches submitted and not yet handed to a consumer (at least 1); the engine allocates
 *     at most {@code window + 1} batch buffers, the extra one being the batch the consumer holds
 * @param timeout how long {@code next()} waits for one batch before it throws {@link BatchTimeoutException}; null
 *     waits as long as it takes
 * @param closeTimeout how long {@code close()} waits for each worker thread to end after interrupting it
 */
public record PrefetchSettings(int workers, int window, Duration timeout, Duration closeTimeout) {

    /** Checks the settings. */
    public PrefetchSettings {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be at least 0, not " + workers);
        }
        if (window < 1) {
            throw new IllegalArgumentException("the prefetch window must be at least 1, not " + window);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        if (closeTimeout == null || closeTimeout.isNegative()) {
            throw new IllegalArgumentException("the close timeout must be zero or positive, not " + closeTimeout);
        }
    }

    /** {@code workers} threads and a window of {@code window} batches, no timeout, 10 s to close. */
    public static PrefetchSettings of(int workers, int window) {
        return new PrefetchSettings(workers, window, null, Duration.ofSeconds(10));
    }
}
