package io.dataseq.stream;

import io.dataseq.RecordContext;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * A streaming reader whose descriptors are numbers ({@code long}s drawn by a source) and whose features say which
 * descriptor they came from: feature 0 is the number, feature 1 a jitter in [0, 1) from the record's own random
 * numbers when augmenting (else 0). The label is the number modulo 3. Can fail for chosen numbers and dawdle.
 */
class Numbers {
    static final int FEATURES = 2;
    static final int CLASSES = 3;

    private final boolean augment;
    private final LongPredicate failing;
    private final long readNanos;
    final AtomicInteger reads = new AtomicInteger();

    Numbers(boolean augment, LongPredicate failing, long readNanos) {
        this.augment = augment;
        this.failing = failing;
        this.readNanos = readNanos;
    }

    Numbers() {
        this(false, number -> false, 0);
    }

    float[] features(Long number, RecordContext context) throws IOException {
        reads.incrementAndGet();
        if (readNanos > 0) {
            spin(readNanos);
        }
        if (failing.test(number)) {
            throw new IOException("number " + number + " is corrupt");
        }
        return new float[] {number, augment ? (float) context.random().nextDouble() : 0f};
    }

    int label(Long number) {
        return (int) (number % CLASSES);
    }

    static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /**
     * A source of {@code count} numbers ({@code -1}: endless), the {@code i}-th being {@code number(i)}; counts its
     * openings and checks that no two threads pull at once; may throw at a position, and dawdle per pull.
     */
    static final class Source implements DescriptorSource<Long> {
        private final long count;
        private final LongFunction<Long> number;
        private final long throwAt;
        private final long pullNanos;
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger pulls = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final Set<String> pullingThreads = ConcurrentHashMap.newKeySet();
        private final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;

        Source(long count, LongFunction<Long> number, long throwAt, long pullNanos) {
            this.count = count;
            this.number = number;
            this.throwAt = throwAt;
            this.pullNanos = pullNanos;
        }

        /** The numbers 0 .. count - 1 in order. */
        static Source counting(long count) {
            return new Source(count, i -> i, -1, 0);
        }

        @Override
        public Iterator<Long> open() {
            opened.incrementAndGet();
            return new Cursor();
        }

        private final class Cursor implements Iterator<Long>, AutoCloseable {
            private long next;

            @Override
            public boolean hasNext() {
                return count < 0 || next < count;
            }

            @Override
            public Long next() {
                if (inside.incrementAndGet() != 1) {
                    overlapped = true;
                }
                try {
                    pullingThreads.add(Thread.currentThread().getName());
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    if (pullNanos > 0) {
                        spin(pullNanos);
                    }
                    if (next == throwAt) {
                        throw new IllegalStateException("the list is truncated at line " + next);
                    }
                    pulls.incrementAndGet();
                    return number.apply(next++);
                } finally {
                    inside.decrementAndGet();
                }
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
    }
}
