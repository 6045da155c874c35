package io.dataseq.examples.bench;

import io.dataseq.dl4j.DataSetSequence;
import io.dataseq.dl4j.SequenceBuilder;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.core.PlanSource;
import java.nio.file.Path;
import java.util.List;

/**
 * What the processor generates for a reader with an {@code @Features @Image} method and an {@code int @Label},
 * written by hand: the image declaration (size, channels, reduced decoding) is a benchmark parameter here, where an
 * annotation fixes it at compile time. The binding is the same {@link ReaderBinding#imageFeatures} call.
 */
public final class LabelledImagesSequence extends DataSetSequence {
    private static final long serialVersionUID = 1L;

    private LabelledImagesSequence(Builder builder) {
        super(builder);
    }

    /** A builder over {@code reader}'s files, decoded as {@code spec} declares. */
    public static Builder builder(LabelledImages reader, ImageSpec spec) {
        return new Builder(binding(spec, reader.classes().size()).over(ReaderSource.shared(reader)));
    }

    /**
     * A builder over the store in {@code directory}, written from a reader of {@code classes} classes whose images
     * were declared as {@code spec} (and are augmented and scaled as it declares).
     */
    public static Builder fromStore(Path directory, ImageSpec spec, int classes) {
        return new Builder(binding(spec, classes).overStore(directory));
    }

    private static ReaderBinding<LabelledImages> binding(ImageSpec spec, int classes) {
        return ReaderBinding.<LabelledImages>builder()
                .size(LabelledImages::size)
                .describe((images, record) -> images.image(record).toString())
                .imageFeatures("image", spec, (images, record, context) -> ImageSource.of(images.image(record)))
                .classLabel("label", classes, List.of(), (images, record, context) -> images.label(record))
                .build();
    }

    /** The settings of a {@link LabelledImagesSequence}. */
    public static final class Builder
            extends SequenceBuilder<LabelledImagesSequence, Builder> {
        private Builder(PlanSource source) {
            super(source);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public LabelledImagesSequence build() {
            return new LabelledImagesSequence(this);
        }
    }
}
