package io.dataseq;

/**
 * The contract of Keras's {@code Sequence}, made explicit for threads: a fixed number of batches per epoch, any of
 * which can be built on demand, from several threads at once, plus a hook at the end of each epoch.
 *
 * <p>Unlike Keras, {@link #get} fills a batch buffer it is handed instead of returning a new one: the prefetch
 * engine owns a small pool of buffers (one per batch in flight) and reuses them, so memory is bounded by the
 * window, not by the epoch.
 *
 * @param <B> the batch buffer type
 */
public interface Sequence<B> {

    /** The number of batches in the current epoch. */
    int size();

    /**
     * Fills {@code into} with batch {@code batch} ({@code 0 .. size() - 1}) of the current epoch. Thread-safe: the
     * engine calls it from several workers at once, each with its own buffer.
     */
    void get(int batch, B into) throws Exception;

    /** Called between epochs, when no batch of the ending epoch will be delivered any more. */
    default void onEpochEnd() {}
}
