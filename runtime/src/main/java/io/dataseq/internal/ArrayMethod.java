package io.dataseq.internal;

import io.dataseq.RecordContext;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A reader method that reads one record as an ND4J array, bound by generated code.
 *
 * @param <R> the reader type
 */
@FunctionalInterface
public interface ArrayMethod<R> {
    /** Reads {@code record} from {@code reader}; called from worker threads, several at once. */
    INDArray read(R reader, int record, RecordContext context) throws Exception;
}
