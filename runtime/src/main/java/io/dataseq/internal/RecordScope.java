package io.dataseq.internal;

import io.dataseq.RecordContext;
import java.util.Objects;

/**
 * One record while its outputs are read, on one thread: its number, and the context each output's method receives
 * (its own random stream). The fetcher makes one per record.
 */
public final class RecordScope {
    private final RecordContext context;

    /** The scope of the record of {@code context}, a record's context of no output. */
    public RecordScope(RecordContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The record's number. */
    public int record() {
        return context.record();
    }

    /** The context {@code output}'s method receives: the record's, with the output's own random stream. */
    public RecordContext contextOf(Output<?> output) {
        return context.forOutput(output.name());
    }
}
