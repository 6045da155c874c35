package io.dataseq;


/** A batch was not ready within the configured timeout: the consumer is told instead of waiting forever. */
public final class BatchTimeoutException extends DataSeqException {
    private static final long serialVersionUID = 1L;

    /** Made by the prefetch engine. */
    public BatchTimeoutException(String message) {
        super(message, null);
    }
}
