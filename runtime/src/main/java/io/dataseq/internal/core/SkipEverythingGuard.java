package io.dataseq.internal.core;

import io.dataseq.DataSeqException;
import io.dataseq.SkippedRecord;
import io.dataseq.internal.fetch.BatchBuffers;
import java.util.List;

/**
 * Under SKIP, many records skipped before any row was delivered means the reader (or its setup: a native library, a
 * root folder, a shape) fails on every record, not that some data is bad. Then the sequence stops and says so,
 * instead of letting {@code fit} end quietly after 0 iterations. Not thread-safe: the core guards it.
 */
final class SkipEverythingGuard {
    private final int limit;
    private boolean rowDelivered;
    private int skipped;

    /** A guard that stops after {@code limit} records skipped before any row reached a consumer. */
    SkipEverythingGuard(int limit) {
        this.limit = limit;
    }

    /** After {@code batch} reached the consumer (or was passed over): the failure to stop with, or null. */
    DataSeqException after(BatchBuffers batch) {
        if (rowDelivered) {
            return null;
        }
        rowDelivered = batch.rows() > 0;
        List<SkippedRecord> batchSkipped = batch.skipped();
        skipped += batchSkipped.size();
        if (rowDelivered || skipped < limit) {
            return null;
        }
        SkippedRecord last = batchSkipped.get(batchSkipped.size() - 1);
        return new DataSeqException("the first " + skipped + " records read were all skipped, the last " + last
                + ": a reader (or its setup) that fails on every record, not bad data. Look for a missing native"
                + " library, a wrong root folder or a shape that does not match; skipped() lists each record, and"
                + " onError(FAIL) stops at the first with its stack (maxLeadingSkips sets how many may be skipped)",
                last.cause());
    }
}
