package io.dataseq.dl4j;

import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.ReaderBinding;

/** What the processor would generate for {@link Probe}, which has an {@code @Describe} method. */
final class ProbeSequence extends DataSetSequence {
    private static final long serialVersionUID = 1L;

    static final ReaderBinding<Probe> BINDING = ReaderBinding.<Probe>builder()
            .size(Probe::size)
            .describe((reader, record) -> Probe.describe(record))
            .floatFeatures("features", new int[] {Probe.FEATURES}, Probe::features)
            .floatLabel("target", new int[] {Probe.TARGETS}, Probe::target)
            .build();

    private ProbeSequence(Builder builder) {
        super(builder);
    }

    static Builder builder(Probe reader) {
        return new Builder(reader);
    }

    static final class Builder extends SequenceBuilder<ProbeSequence, Builder> {
        private Builder(Probe reader) {
            super(BINDING.over(ReaderSource.shared(reader)));
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public ProbeSequence build() {
            return new ProbeSequence(this);
        }
    }
}
