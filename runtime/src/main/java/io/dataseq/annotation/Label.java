package io.dataseq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the reader's method that reads one record's target. It takes the record number ({@code int record}),
 * optionally followed by an {@code io.dataseq.RecordContext}, and returns:
 * <ul>
 *   <li>{@code int}: a class index in {@code 0 .. classes - 1}, with {@link #classes()} set; the batch holds it
 *       one-hot, {@code [batch, classes]}. An index out of range is an error that names the record;</li>
 *   <li>{@code float[]}: a regression target or a multi-label vector (several 1s) of the declared
 *       {@link #shape()}, e.g. {@code {3}}; the batch is {@code [batch, 3]}.</li>
 * </ul>
 * Like {@link Features @Features}, it is called from several worker threads at once.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Label {

    /** For an {@code int} label: the number of classes, at least 2. Leave it 0 for a {@code float[]} label. */
    int classes() default 0;

    /**
     * For an {@code int} label: the class names, in index order, that the iterator's {@code getLabels()} returns
     * (and DL4J's evaluation prints). Empty (the default) means {@code "0", "1", ...}; otherwise exactly
     * {@link #classes()} names.
     */
    String[] names() default {};

    /** For a {@code float[]} label: the shape of one record's target, without the batch dimension. */
    int[] shape() default {};

    /**
     * The position of this output among the reader's {@code @Label} methods: required, and different for each,
     * when the reader has several; may be left out (the default, -1) when there is one. With several
     * {@code @Features} or several {@code @Label} methods the generated sequence is a {@code MultiDataSetIterator}
     * for a {@code ComputationGraph}, with the arrays in ascending {@code order}: list the graph's
     * {@code setOutputs} the same way. The order is declared because Java does not promise to list a class's methods
     * in source order. At least 0; only the order counts ({@code 0, 1} and {@code 10, 20} are the same).
     */
    int order() default -1;

    /**
     * The name of this output in error messages and reports (and in {@code MultiDataSetSequence.outputNames()});
     * empty (the default) means the method's name. Every input and output of a reader has its own name.
     */
    String name() default "";
}
