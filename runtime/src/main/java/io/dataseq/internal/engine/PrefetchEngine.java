package io.dataseq.internal.engine;

import io.dataseq.BatchFailedException;
import io.dataseq.BatchTimeoutException;
import io.dataseq.ConsumerInterruptedException;
import io.dataseq.EngineClosedException;
import io.dataseq.PrefetchSettings;
import io.dataseq.DataSeqException;
import io.dataseq.RecordException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Loads the batches of a pass on worker threads and hands them to consumers in batch order: a bounded window of
 * batches in flight, a reorder buffer (the tickets, keyed by batch number), and a pool of reused batch buffers
 * ("slots"). It knows nothing of records or DL4J: a {@link BatchLoader} fills a slot for a batch number.
 *
 * <p>Guarantees: each batch of a pass is handed to exactly one {@link #next()} call, in batch order for a single
 * consumer; a slow batch delays delivery, never reorders or drops it; a loader's failure reaches the consumer of
 * that batch promptly; at most {@code window} batches are submitted and not yet delivered, and at most
 * {@code window + holders} slots are ever allocated, where {@code holders} is the number of consumer threads that keep
 * a slot between two {@code next()} calls (at least 1): consumers holding batches never starve the window. {@link #close()} joins every thread the engine started.
 *
 * <p>A consumer owns a slot from {@code next()} until it gives it back with {@link #release}; the engine never
 * writes into a slot a consumer owns.
 *
 * <p>The workers and the window may change while passes run ({@link #resize}, what {@code AUTO} settings are tuned
 * through): threads are started as more workers are asked for, never stopped before {@link #close()}; a worker
 * numbered past the active count finishes the batch it is loading, then waits until it is active again, taking no
 * batch. None of this touches which batch goes to which consumer, in which order, or what a batch holds. While
 * {@link #measure measuring}, the engine adds up its workers' time ({@link #workerTime()}) for the tuner.
 *
 * @param <S> the slot type (the reusable batch buffers)
 */
public final class PrefetchEngine<S> implements AutoCloseable {
    private final PrefetchSettings settings;
    /** {@code workers(0)}: no threads, every batch loaded by the consumer in {@code next()}. */
    private final boolean inline;
    private final WorkerThreads threads;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Consumers wait on it: a batch finished, a slot came back, the pass or the engine changed. */
    private final Condition changed = lock.newCondition();
    /** Active workers wait on it: a ticket was queued, the active count fell, or the engine closed. */
    private final Condition workAvailable = lock.newCondition();
    /** Workers numbered past the active count wait on it: the count rose, or the engine closed. */
    private final Condition activated = lock.newCondition();
    private final SlotPool<S> slots;
    private final Map<Integer, Ticket<S>> tickets = new HashMap<>();
    private final PriorityQueue<Integer> givenBack = new PriorityQueue<>();
    private long generation;
    private BatchLoader<S> loader;
    private int end;
    private int nextToSubmit;
    private int nextToClaim;
    private boolean closed;
    /** Workers numbered below it take batches; the others wait on {@link #activated}. */
    private int active;
    private int window;
    // The workers' time while measuring: loads and held-back waits in progress are counted as time goes by
    // (settleLocked), so a step of the tuner sees the time spent within it, not loads that merely ended in it.
    private boolean measuring;
    private int loading;
    private int heldBack;
    private long settledAt;
    private long loadNanos;
    private long heldBackNanos;

    /** Starts the worker threads; no pass runs until {@link #start}. */
    public PrefetchEngine(PrefetchSettings settings, Supplier<? extends S> slotFactory) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inline = settings.workers() == 0;
        this.active = settings.workers();
        this.window = settings.window();
        this.slots = new SlotPool<>(slotFactory, settings.window());
        this.threads = new WorkerThreads(worker -> () -> workLoop(worker));
        lock.lock(); // the threads start under the lock they take, as every later start does
        try {
            threads.startUpTo(settings.workers());
        } finally {
            lock.unlock();
        }
    }

    /** The settings this engine runs with now: its active workers and window, and its timeouts. */
    public PrefetchSettings settings() {
        lock.lock();
        try {
            return new PrefetchSettings(active, window, settings.timeout(), settings.closeTimeout());
        } finally {
            lock.unlock();
        }
    }

    /**
     * From now on, {@code workers} workers take batches and at most {@code window} batches are in flight; threads are
     * started when {@code workers} is more than have been. Fewer workers: those past the count finish the batch they
     * are loading and take no other. A smaller window submits no more batches until fewer are in flight, and keeps
     * the buffers already made. Batches, their order and their consumers are the same whatever the sizes.
     *
     * @throws IllegalStateException for an engine built without workers ({@code workers(0)}: it loads on the
     *     consumer's thread)
     * @throws EngineClosedException when the engine was closed
     */
    public void resize(int workers, int window) {
        if (workers < 1 || window < 1) {
            throw new IllegalArgumentException("workers and window must be at least 1, not " + workers + " and "
                    + window);
        }
        if (inline) {
            throw new IllegalStateException("an engine without workers loads each batch on the consumer's thread");
        }
        lock.lock();
        try {
            checkOpen();
            if (workers < active) {
                workAvailable.signalAll(); // those now past the count move to waiting for activation
            }
            this.active = workers;
            this.window = window;
            slots.window(window);
            threads.startUpTo(workers);
            activated.signalAll();
            pumpLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts or stops adding up the workers' time ({@link #workerTime()}): the time they spend loading and the time
     * the window holds them back, as it goes by. Costs a few clock readings per batch.
     */
    public void measure(boolean on) {
        lock.lock();
        try {
            settleLocked();
            measuring = on;
        } finally {
            lock.unlock();
        }
    }

    /** The workers' time added up while {@link #measure measuring}, since the engine started. */
    public WorkerTime workerTime() {
        lock.lock();
        try {
            settleLocked();
            return new WorkerTime(loadNanos, heldBackNanos);
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many slots have been allocated so far: at most {@code window + 1} for a single consumer, one more for
     * each further consumer thread holding a batch at once ({@link #holders(int)}).
     */
    public int allocatedSlots() {
        lock.lock();
        try {
            return slots.allocated();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a pass over batches {@code from .. to - 1} loaded by {@code loader}, cancelling any pass in flight:
     * its batches not yet started are dropped, those being loaded finish and are discarded (their threads are not
     * interrupted: a reader's shared file channel would be closed by an interrupt).
     */
    public void start(int from, int to, BatchLoader<S> loader) {
        Objects.requireNonNull(loader, "loader");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("a pass over batches " + from + ".." + (to - 1));
        }
        lock.lock();
        try {
            checkOpen();
            cancelLocked();
            this.loader = loader;
            this.nextToSubmit = from;
            this.nextToClaim = from;
            this.end = to;
            pumpLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Cancels the pass in flight, as {@link #start} does; {@link #hasNext()} is false until the next start. */
    public void cancel() {
        lock.lock();
        try {
            cancelLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the current pass has a batch no consumer has claimed yet. */
    public boolean hasNext() {
        lock.lock();
        try {
            return !closed && loader != null && (!givenBack.isEmpty() || nextToClaim < end);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next batch of the pass and returns its slot, which the caller owns until {@link #release}.
     *
     * @throws NoSuchElementException after the last batch of the pass
     * @throws RecordException when the loader failed on a record of this batch (names the record and worker)
     * @throws BatchFailedException when the loader failed otherwise (names the batch and worker)
     * @throws DataSeqException when the pass was cancelled while waiting, or the engine was closed
     *     ({@link EngineClosedException})
     * @throws BatchTimeoutException when the batch was not ready within the timeout; the next call waits for it
     *     again
     * @throws ConsumerInterruptedException when the waiting thread was interrupted; the next call waits for the
     *     same batch
     */
    public S next() {
        lock.lock();
        try {
            checkOpen();
            if (loader == null) {
                throw new NoSuchElementException("no pass has been started");
            }
            int batch = claimLocked();
            return inline ? loadInlineLocked(batch) : awaitLocked(batch);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells the engine how many consumer threads keep a slot between two {@code next()} calls (at least 1 is
     * assumed): the pool may grow to {@code window + holders} slots, so that every consumer waiting for a batch can
     * have one loaded while the others hold theirs.
     */
    public void holders(int count) {
        lock.lock();
        try {
            slots.holders(count);
            pumpLocked();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot returned by {@link #next()} back to the pool, for the workers to fill again. */
    public void release(S slot) {
        Objects.requireNonNull(slot, "slot");
        lock.lock();
        try {
            slots.recycle(slot);
            pumpLocked();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels the pass, interrupts the worker threads and joins them, each for at most the close timeout.
     * Idempotent. Consumers waiting in {@code next()} wake with {@link EngineClosedException}.
     *
     * @throws DataSeqException when a worker thread did not end in time (a reader that ignores interrupts)
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            cancelLocked();
            queue.clear();
            changed.signalAll();
            workAvailable.signalAll();
            activated.signalAll();
        } finally {
            lock.unlock();
        }
        // Outside the lock: a worker still loading takes it once more before it sees closed and ends.
        threads.interruptAndJoin(settings.closeTimeout());
    }

    private int claimLocked() {
        if (!givenBack.isEmpty()) {
            return givenBack.poll();
        }
        if (nextToClaim >= end) {
            throw new NoSuchElementException("the pass ended after batch " + (end - 1));
        }
        return nextToClaim++;
    }

    private S awaitLocked(int batch) {
        long passGeneration = generation;
        long deadline = settings.timeout() == null ? 0 : System.nanoTime() + settings.timeout().toNanos();
        Ticket<S> ticket;
        try {
            // A ticket of another generation is the same batch number of a newer pass: not this consumer's.
            while ((ticket = tickets.get(batch)) == null || !ticket.done || ticket.generation != passGeneration) {
                checkOpen();
                if (generation != passGeneration) {
                    throw new PassCancelledException("the pass was cancelled while waiting for batch " + batch);
                }
                Ticket<S> waitedFor = ticket;
                awaitChangeLocked(deadline, batch, () -> "batch " + batch + " was not ready within "
                        + settings.timeout() + (waitedFor != null && waitedFor.worker != null
                                ? "; " + waitedFor.worker + " is still loading it" : ""));
            }
        } catch (InterruptedException e) {
            givenBack.add(batch);
            Thread.currentThread().interrupt();
            throw new ConsumerInterruptedException(batch, e);
        }
        tickets.remove(batch);
        if (ticket.error != null) {
            // Recycle before pumping: the failed batch's slot may be the only one free to refill the window.
            recycleLocked(ticket.slot);
            pumpLocked();
            throw failure(batch, ticket.worker, ticket.error);
        }
        pumpLocked();
        return ticket.slot;
    }

    /**
     * Waits for a change (a batch done, a slot back, the pass or engine changed) until {@code deadline} (0: no
     * timeout); past it, gives {@code batch} back for the next call and throws {@link BatchTimeoutException} with the
     * message {@code late} makes.
     */
    private void awaitChangeLocked(long deadline, int batch, Supplier<String> late) throws InterruptedException {
        if (settings.timeout() == null) {
            changed.await();
            return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            givenBack.add(batch);
            throw new BatchTimeoutException(late.get());
        }
        changed.awaitNanos(left);
    }

    /**
     * {@code workers(0)}: loads the batch on the consumer's thread. An interrupt of that thread, before or during the
     * load, gives the batch back untouched, whatever the reader made of the interrupt (a failed read, a skipped
     * record): nothing is lost, and the next call loads it again.
     */
    private S loadInlineLocked(int batch) {
        long deadline = settings.timeout() == null ? 0 : System.nanoTime() + settings.timeout().toNanos();
        S slot = null;
        try {
            while ((slot = slots.acquire()) == null) {
                awaitChangeLocked(deadline, batch, () -> "no batch buffer came back within " + settings.timeout()
                        + " to read batch " + batch + ": every buffer is held by a consumer");
                checkOpen();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before reading batch " + batch);
            }
        } catch (InterruptedException e) {
            if (slot != null) {
                recycleLocked(slot);
            }
            givenBack.add(batch);
            Thread.currentThread().interrupt();
            throw new ConsumerInterruptedException(batch, e);
        }
        BatchLoader<S> passLoader = loader;
        long passGeneration = generation;
        Throwable error = null;
        lock.unlock();
        try {
            passLoader.load(batch, slot);
        } catch (Throwable e) {
            error = e;
        } finally {
            lock.lock();
        }
        boolean interrupted = Thread.currentThread().isInterrupted();
        if (error != null || interrupted || generation != passGeneration || closed) {
            recycleLocked(slot);
            checkOpen();
            if (generation == passGeneration && interrupted) {
                givenBack.add(batch);
                InterruptedException cause = new InterruptedException("interrupted while reading batch " + batch
                        + " on the consumer's thread (workers(0))");
                if (error != null) {
                    cause.addSuppressed(error);
                }
                throw new ConsumerInterruptedException(batch, cause);
            }
            if (error == null) {
                throw new PassCancelledException("the pass was cancelled while loading batch " + batch);
            }
            throw failure(batch, Thread.currentThread().getName(), error);
        }
        return slot;
    }

    /**
     * Runs on worker thread number {@code worker}: takes tickets from the queue while it is one of the active
     * workers, until the engine closes.
     */
    private void workLoop(int worker) {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                while (worker >= active || queue.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    if (worker >= active) {
                        activated.await();
                        continue;
                    }
                    // More batches in the pass, none queued: the window (or the buffers) holds this worker back.
                    boolean held = measuring && loader != null && nextToSubmit < end;
                    if (held) {
                        settleLocked();
                        heldBack++;
                    }
                    try {
                        workAvailable.await();
                    } finally {
                        if (held) {
                            settleLocked();
                            heldBack--;
                        }
                    }
                }
                task = queue.poll();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                continue;
            } finally {
                lock.unlock();
            }
            task.run();
            // An interrupt from close() that arrived while loading is answered by the closed check above;
            // any other interrupt was meant for the reader's call, not for this loop.
            Thread.interrupted();
        }
    }

    private void load(Ticket<S> ticket) {
        boolean measured;
        lock.lock();
        try {
            if (ticket.generation != generation || closed) {
                recycleLocked(ticket.slot); // cancelled before it started
                pumpLocked();
                return;
            }
            ticket.worker = Thread.currentThread().getName();
            measured = measuring;
            if (measured) {
                settleLocked();
                loading++;
            }
        } finally {
            lock.unlock();
        }
        Throwable error = null;
        try {
            ticket.loader.load(ticket.batch, ticket.slot);
        } catch (Throwable e) {
            error = e;
        }
        lock.lock();
        try {
            if (measured) {
                settleLocked();
                loading--;
            }
            if (ticket.generation != generation || closed) {
                recycleLocked(ticket.slot); // cancelled while loading: discard
                pumpLocked();
            } else {
                ticket.error = error;
                ticket.done = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void pumpLocked() {
        if (inline || closed || loader == null) {
            return;
        }
        while (nextToSubmit < end && tickets.size() < window) {
            S slot = slots.acquire();
            if (slot == null) {
                return; // consumers hold the rest; release() pumps again
            }
            Ticket<S> ticket = new Ticket<>(nextToSubmit++, generation, loader, slot);
            tickets.put(ticket.batch, ticket);
            queue.add(() -> load(ticket));
            workAvailable.signal();
        }
    }

    /** Adds the time since the last call to the loads and held-back waits in progress, while measuring. */
    private void settleLocked() {
        long now = System.nanoTime();
        if (measuring) {
            loadNanos += loading * (now - settledAt);
            heldBackNanos += heldBack * (now - settledAt);
        }
        settledAt = now;
    }

    private void recycleLocked(S slot) {
        slots.recycle(slot);
        changed.signalAll();
    }

    private void cancelLocked() {
        generation++;
        for (Ticket<S> ticket : tickets.values()) {
            if (ticket.done) {
                recycleLocked(ticket.slot);
            }
            // Not started: load() recycles it when a worker picks it up. Loading: load() recycles it at the end.
        }
        tickets.clear();
        givenBack.clear();
        loader = null;
        end = 0;
        nextToSubmit = 0;
        nextToClaim = 0;
        changed.signalAll();
    }

    private void checkOpen() {
        if (closed) {
            throw new EngineClosedException();
        }
    }

    private static RuntimeException failure(int batch, String worker, Throwable error) {
        if (error instanceof RecordException) {
            return ((RecordException) error).rethrownFrom(worker);
        }
        return new BatchFailedException(batch, worker, error);
    }
}
