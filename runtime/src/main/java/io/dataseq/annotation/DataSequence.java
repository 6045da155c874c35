package io.dataseq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks the DataSeq processor to generate {@code <Reader>Sequence} (or {@link #name()}) for this reader class: a
 * thread-safe, prefetching Deeplearning4j {@code DataSetIterator} that reads each record through the reader's
 * {@link Features @Features} and {@link Label @Label} methods.
 *
 * <p>Every attribute here except {@link #perWorker()}, {@link #distributed()} and {@link #name()} is a default: the
 * generated builder can override each one per sequence, e.g. {@code DigitsSequence.builder(reader).workers(2).prefetch(8).build()}.
 *
 * <pre>{@code
 * @DataSequence(batchSize = 64, shuffle = true, seed = 42)
 * public class Digits {
 *     @Size public int size() { ... }
 *     @Features(shape = {1, 28, 28}) public float[] pixels(int record) { ... }
 *     @Label(classes = 10) public int digit(int record) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DataSequence {

    /** The value of {@link #workers()} and {@link #prefetch()} that lets the runtime choose. */
    int AUTO = -1;

    /**
     * Records per batch; at least 1. The last batch of an epoch may be smaller unless {@link #dropLast()} is set.
     */
    int batchSize() default 32;

    /**
     * Whether each epoch visits the records in a new order. The order is a permutation of all records (not only
     * of the batches), drawn from ({@link #seed()}, epoch), so two runs with the same seed see the same batches.
     * Off by default, as in PyTorch's {@code DataLoader}: turn it on for training, leave it off for evaluation.
     */
    boolean shuffle() default false;

    /**
     * The seed of the shuffle and of the per-record random numbers handed to the reader. The same seed gives
     * the same batches on every run and for any number of workers. Runs are reproducible by default; pass a
     * different seed to the builder for a different order.
     */
    long seed() default 0L;

    /**
     * Whether to leave out the last batch of an epoch when it has fewer than {@link #batchSize()} records
     * (useful for layers whose statistics suffer from a tiny batch). Off by default: every record is delivered.
     */
    boolean dropLast() default false;

    /**
     * How many worker threads read records in parallel; {@link #AUTO} (the default) lets the sequence choose over its
     * first epoch the fewest with which the consumer does not wait for data, up to one per available processor and
     * leaving one to a consumer that computes. {@code 0} reads everything on the thread that calls {@code next()},
     * for debugging; the batches are the same for every value, AUTO's included.
     */
    int workers() default AUTO;

    /**
     * How many batches may be read ahead of the consumer (the prefetch window); memory is bounded by it, never by
     * the dataset. {@link #AUTO} (the default) lets the sequence choose over its first epoch the smallest window with
     * which the consumer does not wait for data, within a memory budget (the builder's {@code prefetchMemory}).
     */
    int prefetch() default AUTO;

    /**
     * What to do when the reader throws for a record: {@link ErrorPolicy#FAIL} (the default) stops the epoch with
     * an error that names the record; {@link ErrorPolicy#SKIP} leaves the record out of its batch and lists it in
     * the sequence's skip report.
     */
    ErrorPolicy onError() default ErrorPolicy.FAIL;

    /**
     * Whether each worker thread reads with its own reader instance, made by a supplier, instead of one instance
     * shared by every worker.
     *
     * <p>Off (the default): the reader's {@link Features @Features} and {@link Label @Label} methods are called from
     * several worker threads at once, so its state must be safe to share: final fields holding immutable or
     * thread-safe objects. The processor warns about each non-final instance field. The generated class offers
     * {@code of(reader)} and {@code builder(reader)}, and also {@code perWorker(supplier)}.
     *
     * <p>On: the reader may keep mutable state (a reused buffer, a decoder, an open file), since only one thread
     * ever uses each instance. The generated class then offers only
     * {@code perWorker(Supplier<? extends Reader>)}, which returns the builder, e.g.
     * {@code DigitsSequence.perWorker(() -> new Digits(files)).workers(4).build()}; the supplier is called once per
     * worker thread (and once more, at once, for the {@link Size @Size}), and every instance must report the same
     * size. Fields are not checked. State in {@code static} fields is still shared by all instances.
     */
    boolean perWorker() default false;

    /**
     * Whether this reader is also read on Spark executors: {@code dataseq-spark}'s {@code SparkStoreWriter} makes it
     * there, in each task, from a {@code BuilderSupplier}, a serialisable lambda that travels from the driver. Off by
     * default. On: the processor checks that it can be made there, and
     * <ul>
     *   <li>fails when it is a streaming reader: a task is given a chunk of numbered records, and a stream's records
     *       are not numbered in advance (a store is never written from a stream);</li>
     *   <li>warns when none of its constructors and static factories that other classes can call takes only what
     *       such a lambda carries: primitives and their boxes, {@code String}, enums, {@code java.io.Serializable}
     *       types, {@code java.nio.file.Path}, {@code java.net.URI} and {@code java.net.URL} (made again from their
     *       text in the lambda), and arrays and {@code List}s of those. A reader made from a decoder or a connection
     *       should make it itself, from paths and settings, on the executor.</li>
     * </ul>
     * It changes nothing in the generated class; see {@code docs/spark.md}.
     */
    boolean distributed() default false;

    /**
     * For a streaming reader (one whose methods take a descriptor from a {@code DescriptorSource} instead of an
     * {@code int} record, and which has no {@link Size @Size}): the number of batches in every epoch, pulled from the
     * source where the previous epoch stopped, with no descriptor kept beyond the batches in flight. Use it for
     * endless sources (which need it) and sources too long to keep in memory; see {@code docs/streaming.md}.
     *
     * <p>{@code 0} (the default) records a finite source instead: the first epoch streams it in source order and
     * keeps its descriptors, and later epochs read them like a random access reader (shuffled when
     * {@link #shuffle()} is set). Negative values are an error; a value on a random access reader is ignored, and the
     * processor warns about it.
     */
    int stepsPerEpoch() default 0;

    /**
     * The simple name of the generated class, in the reader's package. Empty (the default) means
     * {@code <Reader>Sequence}; for a nested reader {@code Outer.Inner} it is {@code Outer_InnerSequence}.
     * Set it when that name is already taken.
     */
    String name() default "";
}
