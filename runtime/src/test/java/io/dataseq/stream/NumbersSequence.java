package io.dataseq.stream;

import io.dataseq.internal.ReaderSource;
import java.util.List;

/** What the processor would generate for {@link Numbers}: a static binding, and a builder with its defaults. */
final class NumbersSequence extends StreamingSequence<Numbers, Long> {
    private static final long serialVersionUID = 1L;

    static final DescriptorBinding<Numbers, Long> BINDING = DescriptorBinding.<Numbers, Long>builder()
            .floatFeatures("features", new int[] {Numbers.FEATURES}, Numbers::features)
            .classLabel("label", Numbers.CLASSES, List.of(), (reader, number, context) -> reader.label(number))
            .describe((reader, number) -> "number " + number)
            .build();

    private NumbersSequence(Builder builder) {
        super(builder);
    }

    static Builder builder(Numbers reader, DescriptorSource<Long> source) {
        return new Builder(ReaderSource.shared(reader), source);
    }

    static final class Builder extends StreamingSequence.Builder<Numbers, Long, NumbersSequence, Builder> {
        private Builder(ReaderSource<Numbers> readers, DescriptorSource<Long> source) {
            super(BINDING, readers, source);
            batchSize(16); // as @DataSequence(batchSize = 16) would set it
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public NumbersSequence build() {
            return new NumbersSequence(this);
        }
    }
}
