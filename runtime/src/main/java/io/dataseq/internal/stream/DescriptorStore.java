package io.dataseq.internal.stream;

import io.dataseq.stream.DescriptorSource;
import io.dataseq.stream.SourceException;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The descriptors pulled from a source, by position (0, 1, 2, ... in source order since the store began): pulls are
 * serialised, so whichever worker needs position {@code p} first pulls everything before it, in order, and each
 * position is pulled exactly once. Workers read descriptors concurrently with a pull; a slow source blocks only the
 * workers that wait for descriptors not yet pulled.
 *
 * <p>Two uses. Recording (a finite source, first epoch): every descriptor is kept, and once the source is exhausted
 * the store is the reader's records, {@code record = position}. Streaming ({@code stepsPerEpoch}): the source is
 * reopened when it ends ({@code repeat}), and positions before the consumer's are dropped with {@link #trimBefore},
 * so memory is bounded by the prefetch window.
 *
 * <p>A recording store keeps its descriptors on the heap, or, given a {@code DescriptorSpill}, on disk: each pull
 * appends there, and a pull's appends are written out before the pull lock is released, so that every position
 * below what {@link #ensure} returned can be read.
 *
 * @param <D> the descriptor type
 */
public final class DescriptorStore<D> {
    /** The most descriptors a recording store holds: record numbers are {@code int}s. */
    static final long MAX_RECORDED = Integer.MAX_VALUE - 8;

    private final DescriptorSource<D> source;
    private final boolean repeat;
    /** Where a recording is kept when not on the heap; null to keep it in {@link #kept}. */
    private final DescriptorSpill<D> spill;
    /** Serialises pulls: held while the source is asked for a descriptor. */
    private final ReentrantLock pullLock = new ReentrantLock();
    /** Set by {@link #close()}: a pull that was in progress then closes the source itself when it returns. */
    private volatile boolean closed;
    // Under pullLock.
    private Iterator<? extends D> cursor;
    /** Descriptors the open cursor has given (those skipped to realign it included). */
    private long pulledSinceOpen;
    /**
     * After a failure: how many descriptors the next opening passes over before its first pull, so that a reopened
     * source goes on with the descriptor it failed to give (its order is stable, {@code DescriptorSource} says).
     */
    private long realign;
    // Guarded by this: what workers read.
    private final List<D> kept = new ArrayList<>();
    private long base;
    private long pulled;
    private boolean exhausted;
    private SourceException failure;

    DescriptorStore(DescriptorSource<D> source, boolean repeat, DescriptorSpill<D> spill) {
        this.source = Objects.requireNonNull(source, "source");
        this.repeat = repeat;
        if (repeat && spill != null) {
            throw new IllegalArgumentException("a streaming store keeps nothing to spill");
        }
        this.spill = spill;
    }

    /**
     * Pulls until positions {@code 0 .. end - 1} are in the store or the source ends, and returns how many
     * positions there are now (at least {@code end} unless the source ended).
     *
     * @throws SourceException when the source failed at a position below {@code end}
     */
    long ensure(long end) {
        pullLock.lock();
        try {
            while (true) {
                synchronized (this) {
                    if (pulled >= end || exhausted) {
                        return pulled;
                    }
                    if (failure != null) {
                        throw failure;
                    }
                }
                if (closed) {
                    closeCursor(); // close() could not, while this thread was pulling
                    throw new SourceException(pulled(), "the sequence was closed", null);
                }
                pullOne();
            }
        } finally {
            try {
                flushSpill();
            } finally {
                pullLock.unlock();
            }
        }
    }

    /**
     * The descriptor at {@code position}; it must have been pulled and not trimmed.
     *
     * @throws java.io.UncheckedIOException when a spilled descriptor cannot be read back; names the position and
     *     the file
     */
    D get(long position) {
        if (spill != null) {
            return spill.read(position); // positional reads: no lock
        }
        synchronized (this) {
            return kept(position);
        }
    }

    private D kept(long position) {
        long index = position - base;
        if (index < 0 || index >= kept.size()) {
            throw new IllegalStateException("descriptor " + position + " is not in the store (it holds "
                    + base + " .. " + (pulled - 1) + ")");
        }
        return kept.get((int) index);
    }

    /**
     * Drops the descriptors before {@code position}: no batch will read them again. A position past those pulled
     * (a resumed or skipped-ahead stream) makes the pulls up to it discard what they pull.
     */
    synchronized void trimBefore(long position) {
        if (spill != null || position <= base) {
            return; // only streaming stores trim, and they never spill
        }
        int drop = (int) Math.min(kept.size(), position - base);
        kept.subList(0, drop).clear();
        base = position;
    }

    /** How many descriptors have been pulled since the store began (or was restarted). */
    synchronized long pulled() {
        return pulled;
    }

    /** Whether the source ended (without failing): no position past {@link #pulled()} will ever come. */
    synchronized boolean exhausted() {
        return exhausted;
    }

    /** Whether the source failed; the store then pulls nothing more until {@link #reopen} or {@link #restart}. */
    synchronized boolean failed() {
        return failure != null;
    }

    /**
     * Forgets every descriptor and closes the source, to record it again from its first descriptor at position 0.
     * Waits for a pull in progress (an earlier pass's) to finish.
     */
    void restart() {
        pullLock.lock();
        try {
            closeCursor();
            realign = 0;
            synchronized (this) {
                kept.clear();
                base = 0;
                pulled = 0;
                exhausted = false;
                failure = null;
                if (spill != null) {
                    try {
                        spill.clear();
                    } catch (IOException e) {
                        failure = new SourceException(0, "clearing the recording in " + spill.file(), e);
                    }
                }
            }
        } finally {
            pullLock.unlock();
        }
    }

    /**
     * Lets a streaming store pull again after its source failed: the next pull opens the source afresh and passes
     * over the descriptors the failed opening had given, so that positions go on from {@link #pulled()} with the
     * descriptor the source failed to give, as if it had never failed (and as a sequence resumed there reads them).
     * Waits for a pull in progress (an earlier pass's) to finish; does nothing unless the source failed.
     */
    void reopen() {
        pullLock.lock();
        try {
            synchronized (this) {
                if (failure == null) {
                    return;
                }
                failure = null;
            }
            closeCursor();
            if (realign == 0) { // else a realignment failed: the opening still has to pass over as many
                realign = pulledSinceOpen;
            }
        } finally {
            pullLock.unlock();
        }
    }

    /**
     * Closes the source's iterator if it is open, and deletes the spilled recording's files. Never waits for a pull
     * in progress: a source stuck in a call that ignores interrupts must not hang {@code close()} (the engine's close
     * names the stuck worker); the pull closes the source itself when it returns.
     */
    void close() {
        closed = true;
        try {
            if (pullLock.tryLock()) {
                try {
                    closeCursor();
                } finally {
                    pullLock.unlock();
                }
            }
        } finally {
            if (spill != null) {
                spill.close();
            }
        }
    }

    /** Under pullLock: pulls one descriptor, or records the end or failure of the source. */
    private void pullOne() {
        long position;
        synchronized (this) {
            position = pulled;
        }
        if (!repeat && position >= MAX_RECORDED) {
            fail(new SourceException(position, "a source of more than " + MAX_RECORDED + " descriptors cannot be"
                    + " recorded; set stepsPerEpoch to stream it", null));
        }
        D next;
        try {
            if (cursor == null) {
                cursor = Objects.requireNonNull(source.open(), "open() returned null");
                pulledSinceOpen = 0;
                while (pulledSinceOpen < realign && cursor.hasNext()) {
                    cursor.next();
                    pulledSinceOpen++;
                }
                realign = 0;
            }
            if (!cursor.hasNext()) {
                closeCursor();
                // An endless stream from a finite source: open it again, unless it just opened empty.
                if (!repeat || pulledSinceOpen == 0) {
                    synchronized (this) {
                        exhausted = true;
                    }
                }
                return;
            }
            next = cursor.next();
        } catch (Exception | LinkageError | AssertionError e) {
            closeCursor();
            throw fail(new SourceException(position, "reading the descriptor", e));
        }
        if (next == null) {
            closeCursor();
            throw fail(new SourceException(position, "the source returned null", null));
        }
        pulledSinceOpen++;
        if (spill != null) {
            try {
                spill.append(next);
            } catch (IOException | RuntimeException e) {
                closeCursor();
                throw fail(new SourceException(position, "writing the descriptor to " + spill.file(), e));
            }
        }
        synchronized (this) {
            if (spill == null && position >= base) { // below base: trimmed before it was pulled
                kept.add(next);
            }
            pulled++;
        }
    }

    /** Under pullLock: makes what this pull appended to the spill readable. */
    private void flushSpill() {
        if (spill == null) {
            return;
        }
        try {
            spill.flush();
        } catch (IOException e) {
            closeCursor();
            long position;
            synchronized (this) {
                position = pulled;
            }
            throw fail(new SourceException(position, "writing the descriptors before this position to "
                    + spill.file(), e));
        }
    }

    private SourceException fail(SourceException e) {
        synchronized (this) {
            failure = e;
        }
        throw e;
    }

    private void closeCursor() {
        Iterator<? extends D> open = cursor;
        cursor = null;
        if (open instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing a source we are done with must not hide what the sequence is doing.
            }
        }
    }
}
