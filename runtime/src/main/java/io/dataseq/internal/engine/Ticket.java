package io.dataseq.internal.engine;

/**
 * One batch a {@link PrefetchEngine} submitted: its slot, and once loaded, its outcome. Every field is guarded by
 * the engine's lock; the generation tells a ticket of a cancelled pass from one of the pass now running.
 *
 * @param <S> the slot type
 */
final class Ticket<S> {
    final int batch;
    final long generation;
    final BatchLoader<S> loader;
    final S slot;
    String worker;
    boolean done;
    Throwable error;

    Ticket(int batch, long generation, BatchLoader<S> loader, S slot) {
        this.batch = batch;
        this.generation = generation;
        this.loader = loader;
        this.slot = slot;
    }
}
