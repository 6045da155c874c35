package io.dataseq.internal.engine;

import io.dataseq.DataSeqException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The threads a {@link PrefetchEngine} started: daemon (a forgotten sequence never keeps a JVM alive) and named for
 * stack dumps. Started by {@link #startUpTo} (all at once for fixed settings, one by one as an {@code AUTO} engine
 * is given more workers) and stopped together by {@link #interruptAndJoin}, so that close() joins every thread the
 * engine started.
 *
 * <p>Not thread-safe: {@link #startUpTo} runs under the engine's lock and refuses nothing itself; the engine stops
 * calling it once closed, before it calls {@link #interruptAndJoin} (on the closing thread, which took the lock after
 * every start, so it sees every thread).
 */
final class WorkerThreads {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final IntFunction<Runnable> loops;
    private final List<Thread> threads = new ArrayList<>();

    /** No thread yet; the {@code i}-th thread started will run {@code loops.apply(i)}. */
    WorkerThreads(IntFunction<Runnable> loops) {
        this.loops = loops;
    }

    /** Starts threads until {@code count} have been started; none when as many already were. */
    void startUpTo(int count) {
        while (threads.size() < count) {
            Thread thread = new Thread(loops.apply(threads.size()), "dataseq-worker-" + NEXT.getAndIncrement());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** How many threads were started. */
    int started() {
        return threads.size();
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
