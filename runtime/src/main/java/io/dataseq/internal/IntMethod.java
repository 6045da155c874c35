package io.dataseq.internal;

import io.dataseq.RecordContext;

/**
 * A reader method that reads one record as an {@code int} (a class index), bound by generated code.
 *
 * @param <R> the reader type
 */
@FunctionalInterface
public interface IntMethod<R> {
    /** Reads {@code record} from {@code reader}; called from worker threads, several at once. */
    int read(R reader, int record, RecordContext context) throws Exception;
}
