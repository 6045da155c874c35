package io.dataseq;

/**
 * Where a sequence is: everything needed to resume it exactly. A sequence built with the same reader, settings
 * and {@code resumeFrom(position)} delivers exactly the batches the saved one had not delivered yet, then goes on
 * with the following epochs as if it had never stopped.
 *
 * @param seed the seed of the sequence's order (a position only fits a sequence with the same seed)
 * @param epoch the epoch in progress, from 0
 * @param batch the next batch of that epoch to deliver, from 0
 */
public record Position(long seed, int epoch, int batch) {
    /** Checks the numbers. */
    public Position {
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("a position needs epoch >= 0 and batch >= 0, not epoch " + epoch
                    + ", batch " + batch);
        }
    }
}
