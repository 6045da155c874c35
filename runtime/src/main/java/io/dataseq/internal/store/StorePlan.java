package io.dataseq.internal.store;

import io.dataseq.DataSeqException;
import io.dataseq.internal.Output;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.internal.store.StoreLayout.Encoding;
import io.dataseq.internal.store.StoreLayout.Field;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The plan of a sequence read from a store: the store's records bound as a reader whose every output copies its
 * stored values into the batch ({@code directFeatures}, {@code directLabel}, {@code classLabel} for a stored class
 * index, and {@code storedImage} for an image's pixels, augmented and scaled as the reader's spec declares), read by
 * the same {@link io.dataseq.internal.fetch.RecordFetcher} over the same {@link io.dataseq.internal.index.EpochIndex}
 * as the reader itself. Shuffle, shards, subsets, resume, the error policy, timings and worker-count determinism are
 * therefore the reader's own.
 */
public final class StorePlan {
    private StorePlan() {}

    /**
     * What a generated {@code fromStore(directory)} starts from: the store written in {@code directory} (by
     * {@code cache} or {@code writeStore}), read as {@code reader}'s records, without the reader.
     *
     * @throws DataSeqException when {@code directory} holds no whole store, or one written from other outputs
     */
    public static PlanSource open(Path directory, ReaderBinding<?> reader) {
        StoreDirectory store = new StoreDirectory(Objects.requireNonNull(directory, "directory"));
        StoreReader opened;
        try {
            opened = StoreReader.open(store.store());
        } catch (IOException e) {
            throw new DataSeqException("there is no whole store in " + directory + " (write one with writeStore"
                    + " or cache): " + e.getMessage(), e);
        }
        requireSameFields(opened, reader);
        ReaderBinding<StoreReader> binding = binding(opened, reader);
        return new PlanSource() {
            @Override
            public ReaderBinding<?> outputs() {
                return binding;
            }

            @Override
            public PassPlan plan(PlanSettings settings) {
                return binding.over(ReaderSource.shared(opened)).plan(settings);
            }
        };
    }

    /** The plan of {@code settings} over {@code store}, whose images are assembled as {@code reader} declares. */
    static PassPlan over(StoreReader store, PlanSettings settings, ReaderBinding<?> reader) {
        return binding(store, reader).over(ReaderSource.shared(store)).plan(settings);
    }

    /**
     * The store's records as a reader's bound methods, with the names, shapes and class names it was made with; an
     * image is augmented and scaled as {@code reader}'s declares it, or as the manifest says when {@code reader} is
     * null.
     */
    static ReaderBinding<StoreReader> binding(StoreReader store, ReaderBinding<?> reader) {
        ReaderBinding.Builder<StoreReader> binding = ReaderBinding.<StoreReader>builder()
                .size(StoreReader::records)
                .describe(StoreReader::describe);
        for (Field field : store.manifest().layout().fields()) {
            if (field.encoding() == Encoding.INT32_CLASS) {
                binding.classLabel(field.name(), field.length(), field.classNames(),
                        (stored, record, context) -> stored.readClass(field, record));
            } else if (field.encoding() == Encoding.UINT8_IMAGE) {
                binding.storedImage(field.label(), field.name(),
                        reader == null ? field.image() : output(reader, field).imageSpec(),
                        (stored, record) -> stored.readPixels(field, record));
            } else if (field.label()) {
                binding.directLabel(field.name(), field.shape(),
                        (stored, record, context, row) -> stored.readFloats(field, record, row));
            } else {
                binding.directFeatures(field.name(), field.shape(),
                        (stored, record, context, row) -> stored.readFloats(field, record, row));
            }
        }
        return binding.build();
    }

    private static Output<?> output(ReaderBinding<?> reader, Field field) {
        return (field.label() ? reader.labels() : reader.features()).get(field.index());
    }

    /** Throws unless the store's fields are {@code reader}'s: the same names, kinds, shapes and class names. */
    private static void requireSameFields(StoreReader store, ReaderBinding<?> reader) {
        List<Field> stored = store.manifest().layout().fields();
        List<Field> expected = StoreLayout.of(reader).fields();
        boolean same = stored.size() == expected.size();
        for (int i = 0; same && i < stored.size(); i++) {
            Field a = stored.get(i);
            Field b = expected.get(i);
            same = a.label() == b.label() && a.index() == b.index() && a.name().equals(b.name())
                    && a.encoding() == b.encoding() && Arrays.equals(a.shape(), b.shape())
                    && a.classNames().equals(b.classNames())
                    && (a.image() == null || sameStoredForm(a, b));
        }
        if (!same) {
            throw new DataSeqException("the store in " + store.directory() + " was written from other outputs ("
                    + describe(stored) + ") than this reader's (" + describe(expected) + "): write it again"
                    + " from this reader", null);
        }
    }

    private static boolean sameStoredForm(Field a, Field b) {
        return a.image().channels() == b.image().channels()
                && a.image().interpolation() == b.image().interpolation();
    }

    private static String describe(List<Field> fields) {
        StringBuilder text = new StringBuilder();
        for (Field field : fields) {
            text.append(text.length() == 0 ? "" : ", ").append(field.label() ? "label " : "features ")
                    .append(field.name()).append(' ').append(field.encoding().text).append(' ')
                    .append(Arrays.toString(field.shape()));
        }
        return text.toString();
    }
}
