package io.dataseq.internal;

/**
 * The reader's {@code @Describe} method, bound by generated code: what a record is, in words a person can act on
 * (its file, its row), for error messages and the skip report.
 *
 * @param <R> the reader type
 */
@FunctionalInterface
public interface DescribeMethod<R> {
    /** Describes {@code record}; called only when reading it failed. */
    Object describe(R reader, int record) throws Exception;
}
