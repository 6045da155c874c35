package io.dataseq.internal;

import io.dataseq.RecordContext;

/**
 * A reader method that reads one record as a {@code float[]}, bound by generated code, e.g.
 * {@code (reader, record, context) -> reader.pixels(record)}.
 *
 * @param <R> the reader type
 */
@FunctionalInterface
public interface FloatArrayMethod<R> {
    /** Reads {@code record} from {@code reader}; called from worker threads, several at once. */
    float[] read(R reader, int record, RecordContext context) throws Exception;
}
