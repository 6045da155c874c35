package io.dataseq.internal.core;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The batch buffers that consumer threads hold between two {@code next()} calls, for the iterators that hand out
 * views of reused buffers (the {@link SequenceCore} of every sequence): a view stays
 * valid until the same thread's next {@code next()}, so each thread's buffer goes back to the engine only then (or
 * at {@code reset()}). Thread-safe.
 *
 * @param <S> what the prefetch engine hands around
 */
public final class HeldBatches<S> {
    private final Map<Thread, S> held = new ConcurrentHashMap<>();
    private final Consumer<? super S> release;

    /** Hands a buffer no longer held back with {@code release} (the engine's {@code release}). */
    public HeldBatches(Consumer<? super S> release) {
        this.release = Objects.requireNonNull(release, "release");
    }

    /**
     * After {@code batch} was handed to this thread: released at once when what was handed out is a {@code copy},
     * else held until this thread's next {@link #releaseThisThread()}.
     */
    public void delivered(S batch, boolean copy) {
        if (copy) {
            release.accept(batch);
        } else {
            held.put(Thread.currentThread(), batch);
        }
    }

    /** Releases the buffer this thread holds, if any: its views are no longer in use. */
    public void releaseThisThread() {
        S previous = held.remove(Thread.currentThread());
        if (previous != null) {
            release.accept(previous);
        }
    }

    /** Releases every thread's buffer (at {@code reset()}: every view handed out becomes invalid). */
    public void releaseAll() {
        held.values().forEach(release);
        held.clear();
    }

    /** Forgets every held buffer without releasing it (at close, when the engine goes away with them). */
    public void forget() {
        held.clear();
    }
}
