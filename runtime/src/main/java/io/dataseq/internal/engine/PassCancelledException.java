package io.dataseq.internal.engine;

import io.dataseq.DataSeqException;

/**
 * The pass a consumer waited in was cancelled (by {@code reset()}, from another thread): the batch it waited for
 * belongs to an epoch that is over. The core turns it into the end of that consumer's epoch.
 */
public final class PassCancelledException extends DataSeqException {
    private static final long serialVersionUID = 1L;

    PassCancelledException(String message) {
        super(message, null);
    }
}
