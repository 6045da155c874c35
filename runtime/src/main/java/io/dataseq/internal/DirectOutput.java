package io.dataseq.internal;

import io.dataseq.RecordContext;
import java.nio.FloatBuffer;

/** An output the reader writes itself, straight into its row of the batch. */
final class DirectOutput<R> extends Output<R> {
    private final DirectMethod<R> method;

    DirectOutput(String name, int[] shape, DirectMethod<R> method) {
        super(name, shape);
        this.method = method;
    }

    @Override
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset)
            throws Exception {
        method.write(reader, record, context, target.slice(offset, length()));
    }
}
