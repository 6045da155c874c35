package io.dataseq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the reader's method that reads one record's network input. It takes the record number
 * ({@code int record}), optionally followed by an {@code io.dataseq.RecordContext} (the record's epoch and its own
 * seeded random numbers, for augmentation), and returns:
 * <ul>
 *   <li>{@code float[]}: the values in C order (row-major) of the declared {@link #shape()}, e.g. {@code {1, 28,
 *       28}} for one 28x28 channel; the batch is {@code [batch, 1, 28, 28]};</li>
 *   <li>{@code org.nd4j.linalg.api.ndarray.INDArray}: an array of the declared {@link #shape()} (any data type; it
 *       is copied into the float32 batch);</li>
 *   <li>with {@link Image @Image}: an image to decode, as a file ({@code java.nio.file.Path}, {@code java.io.File},
 *       {@code String}), its bytes ({@code byte[]}) or an OpenCV {@code Mat}; the shape is then the image's
 *       {@code {channels, height, width}} and may be left out.</li>
 *   <li>{@code void}, writing the values itself: the method then takes a {@code java.nio.FloatBuffer} last,
 *       {@code void vector(int record, FloatBuffer row)} or {@code void vector(int record, RecordContext context,
 *       FloatBuffer row)}, and writes the record's values in C order of the declared {@link #shape()} straight into
 *       {@code row}, its row of the batch: no array is made or copied per record (e.g.
 *       {@code io.dataseq.hdf5.Hdf5Rows.read(record, row)}). {@code row} holds exactly this record's values,
 *       indices {@code 0 .. length - 1}; a value left unwritten keeps what an earlier batch put there
 *       ({@code Hdf5Rows.read(record, row)} checks that the dataset's rows are exactly that long). Not with
 *       {@link Image @Image}, not for {@link Label @Label}, and not in a streaming reader.</li>
 * </ul>
 *
 * <p><b>Thread safety:</b> the method is called from several worker threads at once, for different records. Keep
 * the reader's state final and immutable (a list of paths, an array of labels), or use thread-safe types.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Features {

    /**
     * The shape of one record, without the batch dimension; every dimension at least 1. Required, except with
     * {@link Image @Image}, which implies it: the runtime allocates each batch buffer once, before the first record
     * is read. For images use channels, height, width ({@code {1, 28, 28}}), the layout of DL4J's convolution
     * layers.
     */
    int[] shape() default {};

    /**
     * The position of this input among the reader's {@code @Features} methods: required, and different for each,
     * when the reader has several; may be left out (the default, -1) when there is one. With several
     * {@code @Features} or several {@code @Label} methods the generated sequence is a {@code MultiDataSetIterator}
     * for a {@code ComputationGraph}, with the arrays in ascending {@code order}: list the graph's
     * {@code addInputs} the same way. The order is declared because Java does not promise to list a class's methods
     * in source order. At least 0; only the order counts ({@code 0, 1} and {@code 10, 20} are the same).
     */
    int order() default -1;

    /**
     * The name of this input in error messages and reports (and in {@code MultiDataSetSequence.inputNames()});
     * empty (the default) means the method's name. Every input and output of a reader has its own name.
     */
    String name() default "";
}
