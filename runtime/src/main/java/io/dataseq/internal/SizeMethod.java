package io.dataseq.internal;

/**
 * The reader's {@code @Size} method, bound by generated code as {@code Reader::size}.
 *
 * @param <R> the reader type
 */
@FunctionalInterface
public interface SizeMethod<R> {
    /** Returns the number of records the reader holds. */
    int size(R reader);
}
