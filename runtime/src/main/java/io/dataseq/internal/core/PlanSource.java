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

    /** The plan for {@code settings}. */
    PassPlan plan(PlanSettings settings);
}
