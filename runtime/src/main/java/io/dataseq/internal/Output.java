package io.dataseq.internal;

import io.dataseq.RecordContext;
import io.dataseq.image.ImageSpec;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageClock;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * One input or output of a record, bound to the reader method that reads it: its name, its per-record shape, and
 * how to write one record's values into a batch buffer.
 *
 * @param <R> the reader type
 */
public abstract class Output<R> {
    private final String name;
    private final int[] shape;
    private final int length;

    Output(String name, int[] shape) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an output needs a name");
        }
        this.name = name;
        this.shape = shape.clone();
        long product = 1;
        for (int dimension : shape) {
            if (dimension < 1) {
                throw new IllegalArgumentException(name + ": every dimension of shape "
                        + Arrays.toString(shape) + " must be at least 1");
            }
            product *= dimension;
        }
        if (shape.length == 0 || product > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape)
                    + " must have 1 to 2^31 - 1 values");
        }
        this.length = (int) product;
    }

    /** The name used in error messages and reports. */
    public final String name() {
        return name;
    }

    /** The shape of one record, without the batch dimension. */
    public final int[] shape() {
        return shape.clone();
    }

    /** The number of float values one record occupies in a batch. */
    public final int length() {
        return length;
    }

    /**
     * Reads {@code record} from {@code reader} and writes its {@link #length()} values at {@code offset} of
     * {@code target}, which holds the whole batch. Called from worker threads; implementations keep no state.
     */
    public abstract void write(R reader, int record, RecordContext context, FloatBuffer target, int offset)
            throws Exception;

    /**
     * {@link #write(Object, int, RecordContext, FloatBuffer, int)}, with laps on {@code clock} for the stages it
     * goes through. An output that cannot tell them apart counts the whole call as {@link Stage#READ}.
     */
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset,
            StageClock clock) throws Exception {
        write(reader, record, context, target, offset);
        clock.lap(Stage.READ);
    }

    /**
     * Writes this output of the record of {@code scope} as
     * {@link #write(Object, int, RecordContext, FloatBuffer, int, StageClock)} does, with the context of this output
     * ({@link RecordScope#contextOf}); the fetcher calls this one. An output that shares work with the record's other
     * outputs (decoded images) overrides it.
     */
    public void write(R reader, RecordScope scope, FloatBuffer target, int offset, StageClock clock)
            throws Exception {
        write(reader, scope.record(), scope.contextOf(this), target, offset, clock);
    }

    /**
     * What decides this output's values besides the reader's method, for a store's fingerprint: its kind and shape,
     * and whatever else the output declares (an image's spec, a label's class names).
     */
    public String valuesFingerprint() {
        return getClass().getSimpleName() + " " + name + " " + Arrays.toString(shape);
    }

    /** The class names of a class-index label, in index order; empty for every other output. */
    public List<String> classNames() {
        return List.of();
    }

    /** The image spec of an image output (one decoded, or read back from a store); null for every other. */
    public ImageSpec imageSpec() {
        return null;
    }

    /**
     * This output as it is read while a record store is written: an image sends its 8-bit pixels, before
     * augmentation and scaling, to {@code sink}, and assembles its batch values from them; every other output is
     * stored as its batch values, so it stays as it is.
     */
    public Output<R> storingPixels(PixelSink sink) {
        return this;
    }

    /**
     * Checks, when a sequence is built, that this output can be read at all (e.g. that the native libraries it needs
     * load), so that a missing library is one clear error, never a failure of every record.
     *
     * @throws IllegalStateException saying what is missing
     */
    public void checkReady() {}

    /** Throws when a reader returned a different number of values than the declared shape holds. */
    final void checkLength(int record, long found) {
        if (found != length) {
            throw new IllegalStateException(name + " returned " + found + " values for record " + record
                    + "; its declared shape " + Arrays.toString(shape) + " holds " + length);
        }
    }
}
