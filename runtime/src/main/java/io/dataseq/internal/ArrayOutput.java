package io.dataseq.internal;

import io.dataseq.RecordContext;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An output read as an ND4J array of the declared shape, copied into the float32 batch in C order. */
final class ArrayOutput<R> extends Output<R> {
    private final ArrayMethod<R> method;

    ArrayOutput(String name, int[] shape, ArrayMethod<R> method) {
        super(name, shape);
        this.method = method;
    }

    @Override
    public void write(R reader, int record, RecordContext context, FloatBuffer target, int offset)
            throws Exception {
        INDArray array = method.read(reader, record, context);
        if (array == null) {
            throw new IllegalStateException(name() + " returned null for record " + record);
        }
        checkLength(record, array.length());
        long[] declared = Arrays.stream(shape()).asLongStream().toArray();
        long[] found = array.shape();
        // A row vector for a 1-d shape is the one mismatch worth accepting: many ND4J ops return [1, n].
        boolean sameShape = Arrays.equals(declared, found)
                || (declared.length == 1 && found.length == 2 && found[0] == 1);
        if (!sameShape) {
            throw new IllegalStateException(name() + " returned shape " + Arrays.toString(found) + " for record "
                    + record + "; declared " + Arrays.toString(declared));
        }
        INDArray floats = array.dataType() == DataType.FLOAT ? array : array.castTo(DataType.FLOAT);
        // An explicit long[]: reshape('c', n) would pick reshape(long rows, long columns), with 'c' as 99 rows.
        target.put(offset, floats.reshape('c', new long[] {floats.length()}).toFloatVector());
    }
}
