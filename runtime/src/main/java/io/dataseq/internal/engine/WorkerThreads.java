package io.dataseq.internal.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes the engine's threads: daemon (a forgotten sequence never keeps a JVM alive) and named for stack dumps. */
final class WorkerThreads implements ThreadFactory {
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "dataseq-worker-" + NEXT.getAndIncrement());
        thread.setDaemon(true);
        return thread;
    }
}
