package io.dataseq.stream;

import io.dataseq.dl4j.MultiDataSetSequence;
import io.dataseq.dl4j.StreamingBuilder;
import io.dataseq.internal.DescriptorBinding;
import io.dataseq.internal.ReaderSource;
import java.util.List;

/**
 * What the processor would generate for a streaming reader of {@link Numbers} with two inputs and two outputs: a
 * {@link MultiDataSetSequence} over the same streaming plan as {@link NumbersSequence}.
 */
final class NumberPairsSequence extends MultiDataSetSequence {
    private static final long serialVersionUID = 1L;

    static final DescriptorBinding<Numbers, Long> BINDING = DescriptorBinding.<Numbers, Long>builder()
            .floatFeatures("features", new int[] {Numbers.FEATURES}, Numbers::features)
            .floatFeatures("negated", new int[] {1}, (reader, number, context) -> new float[] {-number})
            .classLabel("label", Numbers.CLASSES, List.of("zero", "one", "two"),
                    (reader, number, context) -> reader.label(number))
            .floatLabel("half", new int[] {1}, (reader, number, context) -> new float[] {number / 2f})
            .describe((reader, number) -> "number " + number)
            .build();

    private NumberPairsSequence(Builder builder) {
        super(builder);
    }

    static Builder builder(Numbers reader, DescriptorSource<Long> source) {
        return new Builder(ReaderSource.shared(reader), source);
    }

    static final class Builder extends StreamingBuilder<Long, NumberPairsSequence, Builder> {
        private Builder(ReaderSource<Numbers> readers, DescriptorSource<Long> source) {
            super(BINDING.over(readers, source));
            batchSize(8);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public NumberPairsSequence build() {
            return new NumberPairsSequence(this);
        }
    }
}
