package io.dataseq.internal.core;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The batches (and the failure) that {@code hasNext()} had to take from the prefetch engine to know there is one,
 * kept for the {@code next()} calls that follow, in the order they were taken: a {@code true} from {@code hasNext()}
 * is always followed by a batch (or the failure) for a single consumer. Batches with nothing to deliver are passed
 * over before they get here. Not thread-safe: the core guards it with its monitor; it is filled by consumers that
 * waited for the engine outside that monitor.
 *
 * @param <S> what the prefetch engine hands around
 */
final class Lookahead<S> {
    private final ArrayDeque<S> batches = new ArrayDeque<>();
    private RuntimeException failure;

    /** Keeps a batch for a later {@link #take()}. */
    void keep(S batch) {
        batches.add(batch);
    }

    /** Keeps a failure, thrown by the {@link #take()} after the kept batches. */
    void keepFailure(RuntimeException failure) {
        this.failure = failure;
    }

    /** Whether a batch or a failure is kept. */
    boolean holds() {
        return !batches.isEmpty() || failure != null;
    }

    /** The oldest kept batch; once none is left, throws the kept failure; null when nothing is kept. */
    S take() {
        S batch = batches.poll();
        if (batch == null && failure != null) {
            RuntimeException thrown = failure;
            failure = null;
            throw thrown;
        }
        return batch;
    }

    /** Forgets what is kept, without releasing it (the engine is closed). */
    void forget() {
        batches.clear();
        failure = null;
    }

    /** Hands the kept batches back with {@code release} and forgets a kept failure (the epoch is cancelled). */
    void release(Consumer<? super S> release) {
        batches.forEach(release);
        batches.clear();
        failure = null;
    }
}
