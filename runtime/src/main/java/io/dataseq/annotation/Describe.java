package io.dataseq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the reader's method that says what a record is, in words a person can act on: its file, its row, its
 * key. It takes the record number ({@code int record}) and returns anything ({@code Path}, {@code String}, ...);
 * its {@code toString()} goes into the error that a failing record raises and into the skip report, e.g.
 * "could not read record 17 (data/7/img_123.jpg) in dataseq-worker-2: ...".
 *
 * <p>Optional, at most one per reader. It is called only when reading a record failed, from a worker thread; if
 * it throws too, the error goes without a description rather than losing the first failure.
 *
 * <pre>{@code
 * @Describe public Path file(int record) { return files.get(record); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Describe {}
