package io.dataseq.dl4j;

import io.dataseq.annotation.Image;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import java.util.List;

/**
 * What the processor would generate for {@link Pairs} with {@code order}s on its annotations: every input and output
 * bound in declared order, extending {@link MultiDataSetSequence}.
 */
final class PairsSequence extends MultiDataSetSequence {
    private static final long serialVersionUID = 1L;

    /** The mask's spec: class numbers kept as they are (std 1/255), never blended when resized. */
    static final ImageSpec MASK = ImageSpec.builder(2, 2).channels(Image.Channels.GRAY)
            .interpolation(Image.Interpolation.NEAREST).std(1.0 / 255).build();

    private static final ReaderBinding<Pairs> BINDING = ReaderBinding.<Pairs>builder()
            .size(Pairs::size)
            .floatFeatures("coordinates", new int[] {2}, Pairs::coordinates)
            .floatFeatures("context", new int[] {3}, (reader, record, context) -> reader.context(record))
            .classLabel("kind", Pairs.CLASSES, List.of(), (reader, record, context) -> reader.kind(record))
            .floatLabel("tags", new int[] {Pairs.TAGS}, (reader, record, context) -> reader.tags(record))
            .floatLabel("value", new int[] {1}, (reader, record, context) -> reader.value(record))
            .imageLabel("mask", MASK, (reader, record, context) -> ImageSource.of(reader.mask(record)))
            .build();

    private PairsSequence(Builder builder) {
        super(builder);
    }

    static Builder builder(Pairs reader) {
        return new Builder(ReaderSource.shared(reader));
    }

    static final class Builder extends SequenceBuilder<PairsSequence, Builder> {
        private Builder(ReaderSource<Pairs> readers) {
            super(BINDING.over(readers));
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public PairsSequence build() {
            return new PairsSequence(this);
        }
    }
}
