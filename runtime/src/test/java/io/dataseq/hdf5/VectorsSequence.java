package io.dataseq.hdf5;

import io.dataseq.dl4j.SequenceBuilder;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.dl4j.DataSetSequence;
import java.util.List;

/**
 * What the processor would generate for {@link Vectors}, for rows of {@code length} values: the features bound
 * as a {@code float[]} method or as a direct write into the batch.
 */
final class VectorsSequence extends DataSetSequence {
    private static final long serialVersionUID = 1L;

    private VectorsSequence(Builder builder) {
        super(builder);
    }

    static ReaderBinding<Vectors> binding(int length, boolean direct) {
        ReaderBinding.Builder<Vectors> binding = ReaderBinding.<Vectors>builder().size(Vectors::size);
        if (direct) {
            binding.directFeatures("vector", new int[] {length},
                    (reader, record, context, row) -> reader.features(record, row));
        } else {
            binding.floatFeatures("vector", new int[] {length}, (reader, record, context) -> reader.features(record));
        }
        return binding
                .classLabel("label", Vectors.CLASSES, List.of(), (reader, record, context) -> reader.label(record))
                .build();
    }

    static Builder builder(ReaderSource<Vectors> readers, int length, boolean direct) {
        return builder(binding(length, direct), readers);
    }

    static Builder builder(ReaderBinding<Vectors> binding, ReaderSource<Vectors> readers) {
        return new Builder(binding, readers);
    }

    static final class Builder extends SequenceBuilder<VectorsSequence, Builder> {
        private Builder(ReaderBinding<Vectors> binding, ReaderSource<Vectors> readers) {
            super(binding.over(readers));
            batchSize(64);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public VectorsSequence build() {
            return new VectorsSequence(this);
        }
    }
}
