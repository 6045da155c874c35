package io.dataseq.examples.perworker;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;

/**
 * A reader that is not thread-safe, on purpose: it fills one reused buffer per call and counts its reads in a plain
 * field, as a reader that decodes into a scratch array would. With {@code perWorker = true} each worker thread reads
 * with an instance of its own, so none of this needs a lock; the reader also checks that no other thread ever calls
 * it.
 */
@DataSequence(perWorker = true, batchSize = 8, shuffle = true, seed = 3, workers = 4)
public class Waveforms {
    static final int LENGTH = 16;

    private final int size;
    private float[] buffer = new float[LENGTH];
    private int reads;
    private Thread owner;

    public Waveforms(int size) {
        this.size = size;
    }

    /** Value {@code i} of record {@code record}: unique, and exact as a float, so a batch row names its record. */
    static float value(int record, int i) {
        return record * LENGTH + i;
    }

    /** How many records this instance has read. */
    int reads() {
        return reads;
    }

    @Size
    public int size() {
        return size;
    }

    @Features(shape = {LENGTH})
    public float[] window(int record) {
        if (owner == null) {
            owner = Thread.currentThread();
        } else if (owner != Thread.currentThread()) {
            throw new IllegalStateException("one reader used by " + owner.getName() + " and "
                    + Thread.currentThread().getName());
        }
        for (int i = 0; i < LENGTH; i++) {
            buffer[i] = value(record, i);
            Thread.yield(); // widen the window in which a second thread would overwrite the buffer
        }
        reads++;
        return buffer;
    }

    @Label(classes = 2, names = {"even", "odd"})
    public int parity(int record) {
        return record % 2;
    }
}
