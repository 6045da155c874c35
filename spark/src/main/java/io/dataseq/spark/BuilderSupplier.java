package io.dataseq.spark;

import io.dataseq.dl4j.SequenceBuilder;
import java.io.Serializable;

/**
 * Makes the generated builder of a reader, on the driver and again on each executor: a serialisable lambda such as
 * {@code () -> DigitsSequence.perWorker(() -> new Digits(root)).onError(ErrorPolicy.SKIP)}. What it captures (the
 * {@code root} above) travels to the executors with it, so capture paths and settings, not readers: a reader is made
 * where it reads ({@link SparkStoreWriter#of} serialises it at once, and says what it captured that cannot travel).
 * Every call must make a builder of the same reader over the same records, with the same settings;
 * the executors' builders are checked against the driver's (their record count and outputs).
 */
@FunctionalInterface
public interface BuilderSupplier extends Serializable {
    /** A new builder of the reader, with the error policy and seed the store is written with. */
    SequenceBuilder<?, ?> builder();
}
