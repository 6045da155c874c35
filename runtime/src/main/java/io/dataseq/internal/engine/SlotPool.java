package io.dataseq.internal.engine;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The reused slots (batch buffers) of a {@link PrefetchEngine}: those free, how many were made, and how many may be:
 * the window's, plus one per consumer thread that keeps a slot between two {@code next()} calls (at least one), so
 * that consumers holding batches never starve the window, however many they are. Not thread-safe: guarded by the
 * engine's lock.
 *
 * @param <S> the slot type
 */
final class SlotPool<S> {
    private final Supplier<? extends S> factory;
    private final ArrayDeque<S> free = new ArrayDeque<>();
    private int window;
    private int allocated;
    private int holders = 1;

    SlotPool(Supplier<? extends S> factory, int window) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.window = window;
    }

    /** A free slot, or a new one while fewer than {@code window + holders} exist; null when none may be had. */
    S acquire() {
        S slot = free.poll();
        if (slot == null && allocated < window + holders) {
            slot = factory.get();
            allocated++;
        }
        return slot;
    }

    /** Takes a slot back, free to fill again. */
    void recycle(S slot) {
        free.add(slot);
    }

    /** How many slots were made so far. */
    int allocated() {
        return allocated;
    }

    /** How many consumer threads keep a slot between two {@code next()} calls (at least 1 is assumed). */
    void holders(int count) {
        holders = Math.max(1, count);
    }

    /**
     * The window the pool serves from now on. A larger one lets it make more slots; a smaller one makes no more
     * until fewer are needed, and keeps those already made.
     */
    void window(int window) {
        this.window = window;
    }
}
