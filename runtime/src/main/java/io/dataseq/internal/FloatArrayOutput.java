package io.dataseq.internal;

import io.dataseq.RecordContext;
import io.dataseq.timing.Stage;
import io.dataseq.timing.StageClock;
import java.nio.FloatBuffer;

/** An output read as a {@code float[]} in C order, copied into the batch with one bulk put. */
final class FloatArrayOutput<R> extends Output<R> {
    private final FloatArrayMethod<R> method;

    FloatArrayOutput(String name, int[] shape, FloatArrayMethod<R> method) {
        super(name, shape);
        this.method = method;
    }

    @Override
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset)
            throws Exception {
        float[] values = method.read(reader, record, context);
        if (values == null) {
            throw new IllegalStateException(name() + " returned null for record " + record);
        }
        checkLength(record, values.length);
        target.put(offset, values);
    }

    @Override
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset,
            StageClock clock) throws Exception {
        float[] values = method.read(reader, record, context);
        clock.lap(Stage.READ);
        if (values == null) {
            throw new IllegalStateException(name() + " returned null for record " + record);
        }
        checkLength(record, values.length);
        target.put(offset, values);
        clock.lap(Stage.ASSEMBLE);
    }
}
