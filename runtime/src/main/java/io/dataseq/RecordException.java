package io.dataseq;

/**
 * A record could not be read: names the record, the reader's description of it (its file, say) when there is
 * one, the worker thread that read it, and, as the cause, what the reader threw.
 */
public class RecordException extends DataSeqException {
    private static final long serialVersionUID = 1L;

    private final int record;
    private final String description;
    private final String worker;

    /**
     * A failure to read {@code record}; {@code description} (may be null) says what the record is, {@code worker}
     * (may be null) which thread read it.
     */
    public RecordException(int record, String description, String worker, Throwable cause) {
        super(message(record, description, worker, cause), cause);
        this.record = record;
        this.description = description;
        this.worker = worker;
    }

    /** The record number, {@code 0 .. size() - 1}. */
    public int record() {
        return record;
    }

    /** The reader's description of the record (e.g. its file), or null when it gives none. */
    public String description() {
        return description;
    }

    /** The name of the thread that read the record, or null when unknown. */
    public String worker() {
        return worker;
    }

    /** The same failure, seen from the thread that receives it (so its stack trace is the consumer's). */
    public RecordException rethrownFrom(String workerName) {
        return new RecordException(record, description, workerName, getCause());
    }

    private static String message(int record, String description, String worker, Throwable cause) {
        StringBuilder message = new StringBuilder("could not read record ").append(record);
        if (description != null) {
            message.append(" (").append(description).append(')');
        }
        if (worker != null) {
            message.append(" in ").append(worker);
        }
        if (cause != null) {
            message.append(": ").append(cause);
        }
        return message.toString();
    }
}
