package io.dataseq.stream;

import io.dataseq.DataSeqException;

/**
 * The descriptor source itself failed: its iterator threw (or returned null) when asked for the descriptor at
 * {@link #position()}, or could not be opened. Unlike a record's failure it is never skipped, whatever the error
 * policy: an iterator that threw is in no known state. The epoch ends with it; the next epoch opens the source again.
 */
public final class SourceException extends DataSeqException {
    private static final long serialVersionUID = 1L;

    private final long position;

    /** The source failed at {@code position} (counted from 0 over every descriptor pulled so far). */
    public SourceException(long position, String what, Throwable cause) {
        super("the descriptor source failed at position " + position + ": " + what
                + (cause == null ? "" : ": " + cause), cause);
        this.position = position;
    }

    /** The position of the descriptor the source was asked for, counted from 0 since the sequence began. */
    public long position() {
        return position;
    }
}
