package io.dataseq.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the threads of a sequence get their reader: one instance shared by every worker (the reader must be
 * thread-safe), or one instance per worker thread, made by a supplier (the reader may then keep mutable state, a
 * decoder, an open file, a buffer, since only one thread ever uses it).
 *
 * @param <R> the reader type
 */
public abstract class ReaderSource<R> {

    private ReaderSource() {}

    /** Every thread uses {@code reader}: its annotated methods must be safe to call from several threads at once. */
    public static <R> ReaderSource<R> shared(R reader) {
        return new Shared<>(Objects.requireNonNull(reader, "reader"));
    }

    /**
     * Each thread that reads records gets its own reader from {@code readers}, made on the thread's first read.
     * One more instance is made at once, for the record count; every instance must report the same
     * {@code @Size}.
     */
    public static <R> ReaderSource<R> perWorker(Supplier<? extends R> readers) {
        return new PerWorker<>(Objects.requireNonNull(readers, "readers"));
    }

    /** The reader the calling thread reads records with. */
    public abstract R forThisThread();

    /** A reader to ask for the record count; made when the source was. */
    public abstract R first();


    private static final class Shared<R> extends ReaderSource<R> {
        private final R reader;

        Shared(R reader) {
            this.reader = reader;
        }

        @Override
        public R forThisThread() {
            return reader;
        }

        @Override
        public R first() {
            return reader;
        }

    }

    private static final class PerWorker<R> extends ReaderSource<R> {
        private final R first;
        private final ThreadLocal<R> perThread;

        PerWorker(Supplier<? extends R> readers) {
            this.first = make(readers);
            this.perThread = ThreadLocal.withInitial(() -> make(readers));
        }

        private static <R> R make(Supplier<? extends R> readers) {
            return Objects.requireNonNull(readers.get(), "the per-worker supplier returned null");
        }

        @Override
        public R forThisThread() {
            return perThread.get();
        }

        @Override
        public R first() {
            return first;
        }

    }
}
