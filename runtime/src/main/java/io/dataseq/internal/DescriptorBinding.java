package io.dataseq.internal;

import io.dataseq.RecordContext;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import io.dataseq.internal.stream.StoredRecords;
import io.dataseq.internal.stream.StreamingPlanSource;
import io.dataseq.stream.DescriptorSource;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A streaming reader's methods, bound by the generated class: how to read each input and output from a descriptor
 * (instead of a record number), and optionally how to describe one. Immutable; built once per generated class, in a
 * static field.
 *
 * <pre>{@code
 * DescriptorBinding.<Photos, Photo>builder()
 *     .imageFeatures("photo", ImageSpec.builder(224, 224).build(),
 *             (reader, photo, context) -> ImageSource.of(reader.file(photo)))
 *     .classLabel("kind", 10, List.of(), (reader, photo, context) -> reader.kind(photo))
 *     .build();
 * }</pre>
 *
 * <p>Under the hood it is a {@link ReaderBinding} over the stored descriptors, so everything that reads a record
 * (the batch buffers, the error policy, images) is the same code as for a random access reader.
 *
 * @param <R> the reader type
 * @param <D> the descriptor type
 */
public final class DescriptorBinding<R, D> {
    private final ReaderBinding<StoredRecords<R, D>> records;

    private DescriptorBinding(ReaderBinding<StoredRecords<R, D>> records) {
        this.records = records;
    }

    /** Starts a binding. */
    public static <R, D> Builder<R, D> builder() {
        return new Builder<>();
    }

    /** The binding over the records of a recorded or streamed source, which the sequence's fetcher reads. */
    public ReaderBinding<StoredRecords<R, D>> records() {
        return records;
    }

    /**
     * What a generated builder starts from: this binding over the readers of the sequence's threads and the
     * descriptors of {@code source}, planned once the settings are known (recorded, or streamed with
     * {@code stepsPerEpoch}).
     */
    public StreamingPlanSource<R, D> over(ReaderSource<R> readers, DescriptorSource<D> source) {
        return new StreamingPlanSource<>(this, readers, source);
    }

    /**
     * A reader method that reads one descriptor as a {@code float[]}, e.g.
     * {@code (reader, line, context) -> reader.pixels(line)}.
     *
     * @param <R> the reader type
     * @param <D> the descriptor type
     */
    @FunctionalInterface
    public interface FloatArrayMethod<R, D> {
        /** Reads {@code descriptor}; called from worker threads, several at once. */
        float[] read(R reader, D descriptor, RecordContext context) throws Exception;
    }

    /**
     * A reader method that reads one descriptor as an ND4J array.
     *
     * @param <R> the reader type
     * @param <D> the descriptor type
     */
    @FunctionalInterface
    public interface ArrayMethod<R, D> {
        /** Reads {@code descriptor}; called from worker threads, several at once. */
        INDArray read(R reader, D descriptor, RecordContext context) throws Exception;
    }

    /**
     * A reader method that reads one descriptor's class index.
     *
     * @param <R> the reader type
     * @param <D> the descriptor type
     */
    @FunctionalInterface
    public interface IntMethod<R, D> {
        /** Reads {@code descriptor}; called from worker threads, several at once. */
        int read(R reader, D descriptor, RecordContext context) throws Exception;
    }

    /**
     * A reader's {@code @Image} method: the image of one descriptor, wrapped with {@link ImageSource#of}.
     *
     * @param <R> the reader type
     * @param <D> the descriptor type
     */
    @FunctionalInterface
    public interface ImageMethod<R, D> {
        /** Reads {@code descriptor}'s image; called from worker threads, several at once. */
        ImageSource read(R reader, D descriptor, RecordContext context) throws Exception;
    }

    /**
     * A reader's {@code @Describe} method: a descriptor in words a person can act on (its file), for error messages
     * and the skip report. Without one, the descriptor's {@code toString()} is used.
     *
     * @param <R> the reader type
     * @param <D> the descriptor type
     */
    @FunctionalInterface
    public interface DescribeMethod<R, D> {
        /** Describes {@code descriptor}; called only when reading it failed. */
        Object describe(R reader, D descriptor) throws Exception;
    }

    /**
     * Collects the bound methods; each {@code add} call keeps its order.
     *
     * @param <R> the reader type
     * @param <D> the descriptor type
     */
    public static final class Builder<R, D> {
        private final ReaderBinding.Builder<StoredRecords<R, D>> records = ReaderBinding.builder();
        private DescribeMethod<R, D> describe = (reader, descriptor) -> descriptor;

        private Builder() {}

        /** Binds the {@code @Describe} method, if the reader has one. */
        public Builder<R, D> describe(DescribeMethod<R, D> method) {
            this.describe = Objects.requireNonNull(method);
            return this;
        }

        /** Binds a {@code @Features} method that returns {@code float[]} values of {@code shape}. */
        public Builder<R, D> floatFeatures(String name, int[] shape, FloatArrayMethod<R, D> method) {
            Objects.requireNonNull(method);
            records.floatFeatures(name, shape, (s, record, context) ->
                    method.read(s.reader(), s.descriptor(record), context));
            return this;
        }

        /** Binds a {@code @Features} method that returns an {@code INDArray} of {@code shape}. */
        public Builder<R, D> arrayFeatures(String name, int[] shape, ArrayMethod<R, D> method) {
            Objects.requireNonNull(method);
            records.arrayFeatures(name, shape, (s, record, context) ->
                    method.read(s.reader(), s.descriptor(record), context));
            return this;
        }

        /** Binds a {@code @Features @Image} method, decoded as {@code spec} declares. */
        public Builder<R, D> imageFeatures(String name, ImageSpec spec, ImageMethod<R, D> method) {
            Objects.requireNonNull(method);
            records.imageFeatures(name, spec, (s, record, context) ->
                    method.read(s.reader(), s.descriptor(record), context));
            return this;
        }

        /** Binds a {@code @Label} method that returns a class index in {@code 0 .. classes - 1}. */
        public Builder<R, D> classLabel(String name, int classes, List<String> classNames, IntMethod<R, D> method) {
            Objects.requireNonNull(method);
            records.classLabel(name, classes, classNames, (s, record, context) ->
                    method.read(s.reader(), s.descriptor(record), context));
            return this;
        }

        /** Binds a {@code @Label} method that returns {@code float[]} values of {@code shape}. */
        public Builder<R, D> floatLabel(String name, int[] shape, FloatArrayMethod<R, D> method) {
            Objects.requireNonNull(method);
            records.floatLabel(name, shape, (s, record, context) ->
                    method.read(s.reader(), s.descriptor(record), context));
            return this;
        }

        /** Binds a {@code @Label} method that returns an {@code INDArray} of {@code shape}. */
        public Builder<R, D> arrayLabel(String name, int[] shape, ArrayMethod<R, D> method) {
            Objects.requireNonNull(method);
            records.arrayLabel(name, shape, (s, record, context) ->
                    method.read(s.reader(), s.descriptor(record), context));
            return this;
        }

        /**
         * Binds a {@code @Label @Image} method whose target is an image, e.g. a segmentation mask, decoded as
         * {@code spec} declares; see {@code ReaderBinding.Builder.imageLabel}.
         */
        public Builder<R, D> imageLabel(String name, ImageSpec spec, ImageMethod<R, D> method) {
            Objects.requireNonNull(method);
            records.imageLabel(name, spec, (s, record, context) ->
                    method.read(s.reader(), s.descriptor(record), context));
            return this;
        }

        /** Checks and freezes the binding. */
        public DescriptorBinding<R, D> build() {
            DescribeMethod<R, D> describing = describe;
            // Name the source position too: in a streaming epoch the record number counts from the epoch's start.
            records.key((s, record) -> s.position(record))
                    .describe((s, record) -> "source position " + s.position(record) + ": "
                            + describing.describe(s.reader(), s.descriptor(record)));
            return new DescriptorBinding<>(records.build());
        }
    }
}
