package io.dataseq.internal.core;

import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The batch (or the failure) that {@code hasNext()} had to take from the prefetch engine to know there is one, kept
 * for the next {@code next()}. Batches with nothing to deliver (every record skipped) are passed over on the way, so
 * that a {@code true} from {@code hasNext()} is always followed by a batch. Not thread-safe: the iterator guards it
 * with its own lock.
 *
 * @param <S> what the prefetch engine hands around
 */
public final class Lookahead<S> {
    private S batch;
    private RuntimeException failure;

    /**
     * Takes batches with {@code take} while {@code more} says there may be one, until one is kept, a failure is
     * kept, or another consumer took the last batch ({@link NoSuchElementException}). {@code passOver} deals with a
     * batch that is not to be delivered (empty, or past the end) and returns true for it. An exception that
     * {@code failsBatch} accepts is kept, to be thrown by {@link #take()}; any other goes to the caller.
     *
     * @return whether a batch or a failure is now kept
     */
    public boolean fill(BooleanSupplier more, Supplier<S> take, Predicate<S> passOver,
            Predicate<RuntimeException> failsBatch) {
        while (batch == null && failure == null && more.getAsBoolean()) {
            S next;
            try {
                next = take.get();
            } catch (NoSuchElementException e) {
                break; // another consumer took the last batch
            } catch (RuntimeException e) {
                if (!failsBatch.test(e)) {
                    throw e;
                }
                failure = e;
                break;
            }
            if (!passOver.test(next)) {
                batch = next;
            }
        }
        return holds();
    }

    /** Whether a batch or a failure is kept. */
    private boolean holds() {
        return batch != null || failure != null;
    }

    /** Whether a failure is kept: the next {@link #take()} throws it. */
    public boolean failed() {
        return failure != null;
    }

    /** Throws the kept failure, or hands out the kept batch (null when none); either way it is no longer kept. */
    public S take() {
        if (failure != null) {
            RuntimeException thrown = failure;
            failure = null;
            throw thrown;
        }
        S taken = batch;
        batch = null;
        return taken;
    }

    /** Forgets what is kept, without releasing it (the engine is closed). */
    public void forget() {
        batch = null;
        failure = null;
    }

    /** Hands the kept batch back with {@code release} and forgets a kept failure (the epoch is cancelled). */
    public void release(Consumer<? super S> release) {
        if (batch != null) {
            release.accept(batch);
            batch = null;
        }
        failure = null;
    }
}
