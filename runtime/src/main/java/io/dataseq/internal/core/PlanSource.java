package io.dataseq.internal.core;

import io.dataseq.internal.ReaderBinding;

/**
 * What a generated builder starts from: a reader's bound methods over the readers of its threads (and for a
 * streaming reader, its source), ready to become a {@link PassPlan} once the settings are known. Generated code
 * gets one from {@code ReaderBinding.over(readers)} or {@code DescriptorBinding.over(readers, source)}.
 */
public interface PlanSource {
    /** The reader's bound outputs: names, shapes, class names. */
    ReaderBinding<?> outputs();

    /**
     * This source with its outputs replaced as {@code mapping} says (a pass that writes a record store reads through
     * it).
     *
     * @throws UnsupportedOperationException for a source whose outputs cannot be replaced (a stream's)
     */
    default PlanSource mapped(ReaderBinding.OutputMapping mapping) {
        throw new UnsupportedOperationException("this source's outputs cannot be replaced");
    }

    /** The plan for {@code settings}. */
    PassPlan plan(PlanSettings settings);
}
