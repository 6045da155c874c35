/**
 * Internal: the pass plans of streaming readers. A finite source is recorded (on the heap, or spilled to disk) and
 * then read like a random access reader ({@code RecordingPlan}); an endless one is read
 * on a fixed grid of {@code stepsPerEpoch} batches per epoch ({@code EndlessPlan}).
 * Pulls are serialised by the {@link io.dataseq.internal.stream.DescriptorStore}.
 */
package io.dataseq.internal.stream;
