package io.dataseq;

/** The base of every failure a DataSeq sequence reports to its consumer. */
public class DataSeqException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message and the exception that caused it (may be null). */
    public DataSeqException(String message, Throwable cause) {
        super(message, cause);
    }
}
