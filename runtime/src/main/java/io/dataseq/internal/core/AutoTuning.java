package io.dataseq.internal.core;

/**
 * What the {@code AUTO} tuner of a {@link SequenceCore} may change, and within which limits; null in
 * {@link CoreSettings} when both the workers and the prefetch were given (or there are no workers).
 *
 * @param workers whether the workers are {@code AUTO}; if not they stay as given
 * @param window whether the prefetch window is {@code AUTO}; if not it stays as given
 * @param maxWorkers the most workers the tuner may make active (their threads are started when first needed); the
 *     cores, or the workers given
 * @param cores the processors the JVM may use
 * @param batchBytes the bytes of one batch's buffers (every input and output, at the full batch size)
 * @param memoryBudget the most bytes the batch buffers of one consumer may take: {@code window + 1} buffers
 */
public record AutoTuning(boolean workers, boolean window, int maxWorkers, int cores, long batchBytes,
        long memoryBudget) {

    /** Checks the limits. */
    public AutoTuning {
        if (maxWorkers < 1 || cores < 1 || batchBytes < 0 || memoryBudget < 0) {
            throw new IllegalArgumentException("AUTO limits: " + maxWorkers + " workers, " + cores + " cores, "
                    + batchBytes + " bytes a batch, a budget of " + memoryBudget + " bytes");
        }
    }

    /**
     * The largest window the budget allows: {@code window + 1} buffers fit in it, and at least 1 (a sequence needs
     * one batch in flight and one in the consumer's hands, whatever the budget).
     */
    public int maxWindow() {
        long buffers = memoryBudget / Math.max(1, batchBytes);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, buffers - 1));
    }
}
