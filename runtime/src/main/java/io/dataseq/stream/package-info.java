/**
 * Streaming sources: a reader that cannot seek offers its records as a {@link java.util.Iterator} or
 * {@link java.util.stream.Stream} of light <em>descriptors</em> (a line of a file list, a path and a label), possibly
 * endless, and still gets a prefetching DL4J iterator, {@link io.dataseq.stream.StreamingSequence}.
 *
 * <p>Pulls from the source are serialised ({@link io.dataseq.internal.stream.DescriptorStore}); the heavy work per descriptor
 * (decode, preprocess) runs on the prefetch engine's workers; every descriptor is delivered once, in source order.
 * The first pass records the descriptors, so that a finite source is read from the second epoch on like a random
 * access reader: it has a size and shuffles per (seed, epoch). See {@code docs/streaming.md}.
 */
package io.dataseq.stream;
