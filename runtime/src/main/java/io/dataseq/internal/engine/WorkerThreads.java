package io.dataseq.internal.engine;

import io.dataseq.DataSeqException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a {@link PrefetchEngine} started: daemon (a forgotten sequence never keeps a JVM alive) and named for
 * stack dumps. Started together by {@link #start} and stopped together by {@link #interruptAndJoin}, so that
 * close() joins every thread the engine started.
 */
final class WorkerThreads {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final List<Thread> threads;

    private WorkerThreads(List<Thread> threads) {
        this.threads = List.copyOf(threads);
    }

    /** Starts {@code count} threads (none for 0), each running {@code loop}. */
    static WorkerThreads start(int count, Runnable loop) {
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(loop, "dataseq-worker-" + NEXT.getAndIncrement());
            thread.setDaemon(true);
            started.add(thread);
            thread.start();
        }
        return new WorkerThreads(started);
    }

    /** Whether no thread was started: the engine then loads on the consumer's thread. */
    boolean isEmpty() {
        return threads.isEmpty();
    }

    /**
     * Interrupts every thread, then joins each, all against one deadline {@code timeout} from now. Called without
     * the engine's lock: a worker finishing its load needs it to end. An interrupt of the calling thread does not
     * cut the join short (close() must still join every thread); it is kept for the caller afterwards.
     *
     * @throws DataSeqException naming each thread still alive at the deadline, with its stack (a reader that
     *     ignores interrupts)
     */
    void interruptAndJoin(Duration timeout) {
        threads.forEach(Thread::interrupt);
        List<String> stuck = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    stuck.add(thread.getName() + " at " + Arrays.toString(thread.getStackTrace()));
                    break;
                }
                try {
                    thread.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!stuck.isEmpty()) {
            throw new DataSeqException("worker threads did not stop within " + timeout + " of close(): " + stuck,
                    null);
        }
    }
}
