package io.dataseq.internal;

import io.dataseq.RecordContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One record while its outputs are read, on one thread: its number, the context each output's method receives
 * (its own random stream), and what the outputs share, such as the images decoded for several of them. The fetcher
 * makes one per record and closes it when the record has been read, whether it was read or failed, which releases
 * what was shared.
 */
public final class RecordScope implements AutoCloseable {
    private final RecordContext context;
    /** What the outputs share; null until one shares something, so that most records allocate no list. */
    private List<AutoCloseable> shared;

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

    /**
     * The record's value of type {@code kind}, shared by its outputs: made by {@code make} on the first call, the
     * same on every later one; closed with the scope. The type decides what is shared, so that this class names
     * none of them (an image output's, for one, needs OpenCV, which a reader without images need not have).
     */
    public <T extends AutoCloseable> T shared(Class<T> kind, Supplier<T> make) {
        if (shared == null) {
            shared = new ArrayList<>(1);
        }
        for (AutoCloseable value : shared) {
            if (kind.isInstance(value)) {
                return kind.cast(value);
            }
        }
        T value = make.get();
        shared.add(value);
        return value;
    }

    /** Closes what the outputs shared; a failure to close one is thrown once every one was closed. */
    @Override
    public void close() {
        if (shared == null) {
            return;
        }
        RuntimeException failure = null;
        for (AutoCloseable value : shared) {
            try {
                value.close();
            } catch (Exception e) {
                RuntimeException unchecked = e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("could not release what the outputs of record " + record()
                                + " shared: " + e, e);
                if (failure == null) {
                    failure = unchecked;
                } else {
                    failure.addSuppressed(unchecked);
                }
            }
        }
        shared.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
