package io.dataseq.internal.core;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The batch buffers that consumer threads hold between two {@code next()} calls (the {@link SequenceCore} of every
 * sequence hands out views of reused buffers): a view stays valid until the same thread's next {@code next()}, so each
 * thread's buffer goes back to the engine only then, at {@code reset()}, or when the thread has ended (a thread per
 * batch must not keep its buffer for ever). Thread-safe.
 *
 * <p>It tells the engine how many threads hold a buffer, so that the pool grows by one buffer per holder: consumers
 * that keep their batch while others wait for one never stall them.
 *
 * @param <S> what the prefetch engine hands around
 */
public final class HeldBatches<S> {
    private final Map<Thread, S> held = new ConcurrentHashMap<>();
    private final Consumer<? super S> release;
    private final IntConsumer holdersChanged;
    private int lastHolders = -1; // guarded by this

    /**
     * Hands a buffer no longer held back with {@code release} (the engine's {@code release}), and the number of
     * holding threads, when it changes, to {@code holdersChanged} (the engine's {@code holders}).
     */
    public HeldBatches(Consumer<? super S> release, IntConsumer holdersChanged) {
        this.release = Objects.requireNonNull(release, "release");
        this.holdersChanged = Objects.requireNonNull(holdersChanged, "holdersChanged");
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
            tellHolders();
        }
    }

    /**
     * Releases the buffer this thread holds, if any (its views are no longer in use), and those of threads that have
     * ended.
     */
    public void releaseThisThread() {
        S previous = held.remove(Thread.currentThread());
        if (previous != null) {
            release.accept(previous);
        }
        for (Iterator<Map.Entry<Thread, S>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Thread, S> entry = it.next();
            if (!entry.getKey().isAlive() && held.remove(entry.getKey(), entry.getValue())) {
                release.accept(entry.getValue());
            }
        }
        tellHolders();
    }

    /** Releases every thread's buffer (at {@code reset()}: every view handed out becomes invalid). */
    public void releaseAll() {
        held.values().forEach(release);
        held.clear();
        tellHolders();
    }

    /**
     * Forgets every held buffer without releasing it (at close, when the engine goes away with them), telling
     * {@code forgotten} of each: their views are no longer valid either.
     */
    public void forget(Consumer<? super S> forgotten) {
        held.values().forEach(forgotten);
        held.clear();
    }

    private synchronized void tellHolders() {
        int holders = held.size();
        if (holders != lastHolders) {
            lastHolders = holders;
            holdersChanged.accept(holders);
        }
    }
}
