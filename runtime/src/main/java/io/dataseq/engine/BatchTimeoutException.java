package io.dataseq.engine;

import io.dataseq.DataSeqException;

/** A batch was not ready within the configured timeout: the consumer is told instead of waiting forever. */
public final class BatchTimeoutException extends DataSeqException {
    private static final long serialVersionUID = 1L;

    BatchTimeoutException(String message) {
        super(message, null);
    }
}
