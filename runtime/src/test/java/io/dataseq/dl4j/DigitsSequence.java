package io.dataseq.dl4j;

import io.dataseq.internal.ReaderSource;
import io.dataseq.annotation.Image;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import java.util.List;

/** What the processor would generate for {@link Digits}: an {@code @Image} method bound with imageFeatures. */
final class DigitsSequence extends DataSetSequence {
    private static final long serialVersionUID = 1L;

    private static final ReaderBinding<Digits> BINDING = ReaderBinding.<Digits>builder()
            .size(Digits::size)
            .describe(Digits::file)
            .imageFeatures("image", ImageSpec.builder(Digits.SIZE, Digits.SIZE).channels(Image.Channels.GRAY).build(),
                    (reader, record, context) -> ImageSource.of(reader.image(record)))
            .classLabel("digit", 10, List.of(), (reader, record, context) -> reader.digit(record))
            .build();

    private DigitsSequence(Builder builder) {
        super(builder);
    }

    static Builder builder(Digits reader) {
        return new Builder(reader);
    }

    static final class Builder extends SequenceBuilder<DigitsSequence, Builder> {
        private Builder(Digits reader) {
            super(BINDING.over(ReaderSource.shared(reader)));
            batchSize(16); // as @DataSequence(batchSize = 16) would set it
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public DigitsSequence build() {
            return new DigitsSequence(this);
        }
    }
}
