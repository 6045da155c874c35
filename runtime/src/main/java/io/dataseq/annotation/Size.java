package io.dataseq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the reader's method that returns the number of records: {@code public int size()}, no parameters.
 * Records are numbered {@code 0 .. size() - 1}. It is called once when a sequence starts and again at each
 * {@code reset()}, from the consumer's thread.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Size {}
