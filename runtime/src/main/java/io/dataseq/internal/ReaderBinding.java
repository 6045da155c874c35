package io.dataseq.internal;

import io.dataseq.image.ImageSource;
import io.dataseq.internal.core.IndexedPlan;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.internal.fetch.RecordFetcher;
import io.dataseq.internal.store.StorePlan;
import io.dataseq.image.ImageSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reader's annotated methods, bound by the generated class: how many records there are, and how to read each
 * input and output of a record. Immutable; built once per generated class, in a static field.
 *
 * <pre>{@code
 * ReaderBinding.<Digits>builder()
 *     .size(Digits::size)
 *     .floatFeatures("pixels", new int[] {1, 28, 28}, (reader, record, context) -> reader.pixels(record))
 *     .classLabel("digit", 10, List.of(), (reader, record, context) -> reader.digit(record))
 *     .build();
 * }</pre>
 *
 * @param <R> the reader type
 */
public final class ReaderBinding<R> {
    private final SizeMethod<R> size;
    private final DescribeMethod<R> describe;
    private final KeyMethod<R> key;
    private final List<Output<R>> features;
    private final List<Output<R>> labels;

    private ReaderBinding(Builder<R> builder) {
        this.size = builder.size; // none for a stream's records
        this.describe = builder.describe;
        this.key = builder.key;
        this.features = List.copyOf(builder.features);
        this.labels = List.copyOf(builder.labels);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a reader needs at least one features output");
        }
    }

    /** Starts a binding. */
    public static <R> Builder<R> builder() {
        return new Builder<>();
    }

    /**
     * What a generated builder starts from: this binding over the readers of the sequence's threads, planned as an
     * index over the reader's {@code @Size} records once the settings are known ({@code @Size} is asked again at
     * each epoch's start, and must not have changed).
     */
    public PlanSource over(ReaderSource<R> readers) {
        Objects.requireNonNull(readers, "readers");
        ReaderBinding<R> binding = this;
        return new PlanSource() {
            @Override
            public ReaderBinding<?> outputs() {
                return binding;
            }

            @Override
            public PlanSource mapped(OutputMapping mapping) {
                return binding.mapped(mapping).over(readers);
            }

            @Override
            public PassPlan plan(PlanSettings settings) {
                RecordFetcher<R> fetcher = new RecordFetcher<>(binding, readers, settings.onError(),
                        settings.training(), settings.seed(), settings.timings(), settings.describeRows(),
                settings.checkFinite());
                return IndexedPlan.over(() -> binding.size(readers.first()), fetcher, binding, settings);
            }
        };
    }

    /**
     * What a generated {@code fromStore(directory)} starts from: the record store in {@code directory}, written from
     * this binding's reader, read without the reader; images are augmented and scaled as this binding declares.
     *
     * @throws io.dataseq.DataSeqException when {@code directory} holds no whole store, or one of other outputs
     */
    public PlanSource overStore(Path directory) {
        return StorePlan.open(directory, this);
    }

    /**
     * This binding with each output replaced by what {@code mapping} makes of it (the same order, names and
     * shapes), e.g. the outputs of a pass that writes a record store.
     */
    public ReaderBinding<R> mapped(OutputMapping mapping) {
        Builder<R> mapped = new Builder<>();
        mapped.size = size;
        mapped.describe = describe;
        mapped.key = key;
        for (int i = 0; i < features.size(); i++) {
            mapped.features.add(Objects.requireNonNull(mapping.map(features.get(i), false, i)));
        }
        for (int i = 0; i < labels.size(); i++) {
            mapped.labels.add(Objects.requireNonNull(mapping.map(labels.get(i), true, i)));
        }
        return mapped.build();
    }

    /** What {@link #mapped} makes of each output. */
    @FunctionalInterface
    public interface OutputMapping {
        /** The output to use in place of {@code output}, the {@code index}-th input, or output if {@code label}. */
        <R> Output<R> map(Output<R> output, boolean label, int index);
    }

    /** Asks {@code reader} for its record count. */
    public int size(R reader) {
        if (size == null) {
            throw new IllegalStateException("a streaming reader's records have no @Size");
        }
        int records = size.size(reader);
        if (records < 0) {
            throw new IllegalStateException("the reader's size is " + records + "; it must be at least 0");
        }
        return records;
    }

    /**
     * The reader's description of {@code record} (its file, say) for an error message, or null when the reader
     * has no {@code @Describe} method or describing failed too (a broken record must not hide its first error).
     */
    public String describe(R reader, int record) {
        if (describe == null) {
            return null;
        }
        try {
            return String.valueOf(describe.describe(reader, record));
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    /**
     * The identity of {@code record} as the reader knows it, for a batch's metadata: the record number itself, or
     * what a binding over another kind of record (a recorded source's positions) makes of it.
     */
    public long key(R reader, int record) {
        return key == null ? record : key.key(reader, record);
    }

    /** The inputs, in the order they were bound: the annotations' declared {@code order}. */
    public List<Output<R>> features() {
        return features;
    }

    /**
     * The outputs (targets), in the order they were bound: the annotations' declared {@code order}; may be empty for
     * a reader used only for inference.
     */
    public List<Output<R>> labels() {
        return labels;
    }

    /**
     * The class names of the first label if it is a class index (what DL4J's {@code getLabels()} returns),
     * otherwise an empty list.
     */
    public List<String> classNames() {
        return labels.isEmpty() ? List.of() : labels.get(0).classNames();
    }

    /**
     * A record's identity, when it is not its number.
     *
     * @param <R> what the binding's methods are called on
     */
    @FunctionalInterface
    public interface KeyMethod<R> {
        /** The identity of {@code record}. */
        long key(R reader, int record);
    }

    /** Collects the bound methods; each {@code add} call keeps its order. */
    public static final class Builder<R> {
        private SizeMethod<R> size;
        private DescribeMethod<R> describe;
        private KeyMethod<R> key;
        private final List<Output<R>> features = new ArrayList<>();
        private final List<Output<R>> labels = new ArrayList<>();

        private Builder() {}

        /** Binds the {@code @Size} method. */
        public Builder<R> size(SizeMethod<R> method) {
            this.size = Objects.requireNonNull(method);
            return this;
        }

        /** Binds the {@code @Describe} method, if the reader has one. */
        public Builder<R> describe(DescribeMethod<R> method) {
            this.describe = Objects.requireNonNull(method);
            return this;
        }

        /** How to name a record in a batch's metadata, when not by its number (see {@link ReaderBinding#key}). */
        public Builder<R> key(KeyMethod<R> method) {
            this.key = Objects.requireNonNull(method);
            return this;
        }

        /** Binds a {@code @Features} method that returns {@code float[]} values of {@code shape}. */
        public Builder<R> floatFeatures(String name, int[] shape, FloatArrayMethod<R> method) {
            features.add(new FloatArrayOutput<>(name, shape, Objects.requireNonNull(method)));
            return this;
        }

        /** Binds a {@code @Features} method that returns an {@code INDArray} of {@code shape}. */
        public Builder<R> arrayFeatures(String name, int[] shape, ArrayMethod<R> method) {
            features.add(new ArrayOutput<>(name, shape, Objects.requireNonNull(method)));
            return this;
        }

        /**
         * Binds a method that writes {@code shape}'s values of a record straight into the batch (an HDF5 row read
         * into the batch's memory, say) instead of returning them: no array is made or copied per record.
         */
        public Builder<R> directFeatures(String name, int[] shape, DirectMethod<R> method) {
            features.add(new DirectOutput<>(name, shape, Objects.requireNonNull(method)));
            return this;
        }

        /**
         * Binds a {@code @Features @Image} method: the image it returns (a file, its bytes or a {@code Mat}, wrapped
         * by {@link ImageSource#of}) is decoded as {@code spec} declares, into features of shape
         * {@code {channels, height, width}}, e.g.
         * {@code .imageFeatures("photo", ImageSpec.builder(224, 224).build(),
         * (reader, record, context) -> ImageSource.of(reader.photo(record)))}.
         */
        public Builder<R> imageFeatures(String name, ImageSpec spec, ImageMethod<R> method) {
            features.add(new ImageOutput<>(name, Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(method)));
            return this;
        }

        /** Binds a {@code @Label} method that returns a class index in {@code 0 .. classes - 1}. */
        public Builder<R> classLabel(String name, int classes, List<String> classNames, IntMethod<R> method) {
            labels.add(new ClassIndexOutput<>(name, classes, classNames, Objects.requireNonNull(method)));
            return this;
        }

        /** Binds a {@code @Label} method that returns {@code float[]} values of {@code shape}. */
        public Builder<R> floatLabel(String name, int[] shape, FloatArrayMethod<R> method) {
            labels.add(new FloatArrayOutput<>(name, shape, Objects.requireNonNull(method)));
            return this;
        }

        /**
         * Binds a method that writes {@code shape}'s values of a record's target straight into the batch, as
         * {@link #directFeatures} does for an input.
         */
        public Builder<R> directLabel(String name, int[] shape, DirectMethod<R> method) {
            labels.add(new DirectOutput<>(name, shape, Objects.requireNonNull(method)));
            return this;
        }

        /** Binds a {@code @Label} method that returns an {@code INDArray} of {@code shape}. */
        public Builder<R> arrayLabel(String name, int[] shape, ArrayMethod<R> method) {
            labels.add(new ArrayOutput<>(name, shape, Objects.requireNonNull(method)));
            return this;
        }

        /**
         * Binds a {@code @Label} method whose target is an image, e.g. a segmentation mask: decoded as {@code spec}
         * declares, like an input image, into labels of shape {@code {channels, height, width}}. Declare the spec with
         * {@code Interpolation.NEAREST}, so that resizing never blends two class values into a third, and with
         * {@code std(1.0 / 255)} when the pixel values are class numbers to keep as they are.
         */
        public Builder<R> imageLabel(String name, ImageSpec spec, ImageMethod<R> method) {
            labels.add(new ImageOutput<>(name, Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(method)));
            return this;
        }

        /**
         * Binds an image a record store keeps as 8-bit pixels (read back by {@code method}), augmented and scaled as
         * {@code spec} declares when each batch is assembled; an input, or an output when {@code label}.
         */
        public Builder<R> storedImage(boolean label, String name, ImageSpec spec, StoredPixelsMethod<R> method) {
            (label ? labels : features).add(new StoredImageOutput<>(name, Objects.requireNonNull(spec, "spec"),
                    Objects.requireNonNull(method)));
            return this;
        }

        /** Checks and freezes the binding. */
        public ReaderBinding<R> build() {
            return new ReaderBinding<>(this);
        }
    }
}
