/**
 * JMH benchmarks of DataSeq's runtime, run with {@code mvn -B -DskipTests -Pbench verify} (see
 * docs/performance.md). Benchmarks, not tests: nothing here asserts a time.
 */
package io.dataseq.examples.bench;
