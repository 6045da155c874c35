package io.dataseq.processor;

/**
 * The values of {@code @DataSequence} on a reader (defaults included): the generated builder starts from them.
 *
 * @param onError the simple name of the {@code ErrorPolicy} constant, e.g. {@code FAIL}
 * @param name the generated class's simple name as written; empty for the default
 */
record SequenceSettings(
        int batchSize,
        boolean shuffle,
        long seed,
        boolean dropLast,
        int workers,
        int prefetch,
        String onError,
        String name) {}
