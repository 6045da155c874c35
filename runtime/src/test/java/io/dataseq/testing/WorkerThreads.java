package io.dataseq.testing;

import java.util.Set;
import java.util.stream.Collectors;

/** The engine's live worker threads, found by the name every one of them carries. */
public final class WorkerThreads {
    private static final String PREFIX = "dataseq-worker-";

    private WorkerThreads() {}

    /** The live threads named {@code dataseq-worker-*}. */
    public static Set<Thread> live() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(PREFIX) && thread.isAlive())
                .collect(Collectors.toSet());
    }

    /** How many {@code dataseq-worker-*} threads are alive. */
    public static int count() {
        return live().size();
    }

    /** Whether {@code name} is a worker thread's name. */
    public static boolean isWorkerName(String name) {
        return name != null && name.startsWith(PREFIX);
    }
}
