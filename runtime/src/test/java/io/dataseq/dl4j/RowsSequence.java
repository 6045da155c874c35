package io.dataseq.dl4j;

import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.ReaderBinding;
import java.util.List;

/** What the processor would generate for {@link Rows}: a static binding, and a builder with its defaults. */
final class RowsSequence extends DataSetSequence {
    private static final long serialVersionUID = 1L;

    private static final ReaderBinding<Rows> BINDING = ReaderBinding.<Rows>builder()
            .size(Rows::size)
            .floatFeatures("features", new int[] {Rows.FEATURES}, Rows::features)
            .classLabel("label", Rows.CLASSES, List.of(), (reader, record, context) -> reader.label(record))
            .build();

    private RowsSequence(Builder builder) {
        super(builder);
    }

    static Builder builder(Rows reader) {
        return new Builder(reader);
    }

    static final class Builder extends SequenceBuilder<RowsSequence, Builder> {
        private Builder(Rows reader) {
            super(BINDING.over(ReaderSource.shared(reader)));
            batchSize(16); // as @DataSequence(batchSize = 16) would set it
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public RowsSequence build() {
            return new RowsSequence(this);
        }
    }
}
