package io.dataseq;


/**
 * Loading a batch failed for a reason that is not one record's (a bug in a pre-processing step, an
 * {@link OutOfMemoryError}, ...): names the batch and the worker; the cause is what was thrown.
 */
public final class BatchFailedException extends DataSeqException {
    private static final long serialVersionUID = 1L;

    /** Made by the prefetch engine. */
    public BatchFailedException(int batch, String worker, Throwable cause) {
        super("batch " + batch + " failed in " + worker + ": " + cause, cause);
    }
}
