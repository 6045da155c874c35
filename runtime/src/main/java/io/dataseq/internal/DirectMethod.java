package io.dataseq.internal;

import io.dataseq.RecordContext;
import java.nio.FloatBuffer;

/**
 * A reader method that writes one record's values straight into the batch, with no array in between, bound by
 * {@link ReaderBinding.Builder#directFeatures}: e.g. {@code (reader, record, context, row) ->
 * reader.vectors().read(record, row)} over an {@code io.dataseq.hdf5.Hdf5Rows}.
 *
 * @param <R> the reader type
 */
@FunctionalInterface
public interface DirectMethod<R> {
    /**
     * Writes all of {@code record}'s values, in C order, into {@code row}: a view of exactly the record's
     * {@code length} values in the batch (indices {@code 0 .. length - 1}, position 0, direct, native byte order),
     * so it cannot touch another record's values. A value left unwritten keeps what an earlier batch put there.
     * Called from worker threads, several at once, each with its own row.
     */
    void write(R reader, int record, RecordContext context, FloatBuffer row) throws Exception;
}
