package io.dataseq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the reader's method that returns the number of records: {@code public int size()}, no parameters.
 * Records are numbered {@code 0 .. size() - 1}. It is called when a sequence is built and again at the start of
 * each epoch, from the consumer's thread, and must give the same count for as long as a sequence reads the reader:
 * a sequence's order, subset, shards and positions are fixed to it. A count that changed fails the epoch's first
 * {@code hasNext()} with an {@code io.dataseq.DataSeqException} naming both counts; build a new sequence for the
 * new records.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Size {}
