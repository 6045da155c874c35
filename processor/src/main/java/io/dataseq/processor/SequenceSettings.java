package io.dataseq.processor;

/**
 * The values of {@code @DataSequence} on a reader (defaults included): the generated builder starts from them.
 *
 * @param onError the simple name of the {@code ErrorPolicy} constant, e.g. {@code FAIL}
 * @param perWorker whether each worker thread reads with its own reader, made by a supplier
 * @param distributed whether the reader is also made and read on Spark executors, which the validator checks it can be
 * @param name the generated class's simple name as written; empty for the default
 * @param stepsPerEpoch batches per epoch of a streaming reader; 0 to record a finite source
 */
record SequenceSettings(
        int batchSize,
        boolean shuffle,
        long seed,
        boolean dropLast,
        int workers,
        int prefetch,
        String onError,
        boolean perWorker,
        boolean distributed,
        String name,
        int stepsPerEpoch) {}
