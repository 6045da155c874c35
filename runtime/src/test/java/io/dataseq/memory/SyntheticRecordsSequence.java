package io.dataseq.memory;

import io.dataseq.internal.ReaderSource;
import io.dataseq.dl4j.SequenceBuilder;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.dl4j.DataSetSequence;
import java.util.List;

/** What the processor would generate for {@link SyntheticRecords}: a static binding, and a builder. */
final class SyntheticRecordsSequence extends DataSetSequence {
    private static final long serialVersionUID = 1L;

    private static final ReaderBinding<SyntheticRecords> BINDING = ReaderBinding.<SyntheticRecords>builder()
            .size(SyntheticRecords::size)
            .floatFeatures("values", new int[] {SyntheticRecords.VALUES},
                    (reader, record, context) -> reader.features(record))
            .classLabel("label", SyntheticRecords.CLASSES, List.of(),
                    (reader, record, context) -> reader.label(record))
            .build();

    private SyntheticRecordsSequence(Builder builder) {
        super(builder);
    }

    static Builder builder(SyntheticRecords reader) {
        return new Builder(reader);
    }

    static final class Builder
            extends SequenceBuilder<SyntheticRecordsSequence, Builder> {
        private Builder(SyntheticRecords reader) {
            super(BINDING.over(ReaderSource.shared(reader)));
            batchSize(64); // as @DataSequence(batchSize = 64) would set it
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public SyntheticRecordsSequence build() {
            return new SyntheticRecordsSequence(this);
        }
    }
}
