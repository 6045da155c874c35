package io.dataseq.stream;

import io.dataseq.dl4j.DataSetSequence;
import io.dataseq.dl4j.StreamingBuilder;
import io.dataseq.internal.DescriptorBinding;
import io.dataseq.internal.ReaderSource;
import java.util.List;

/** What the processor would generate for {@link Numbers}: a static binding, and a builder with its defaults. */
final class NumbersSequence extends DataSetSequence {
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

    static final class Builder extends StreamingBuilder<Long, NumbersSequence, Builder> {
        private Builder(ReaderSource<Numbers> readers, DescriptorSource<Long> source) {
            super(BINDING.over(readers, source));
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
