/**
 * Streaming sources: a reader that cannot seek offers its records as a {@link java.util.Iterator} or
 * {@link java.util.stream.Stream} of light <em>descriptors</em> (a line of a file list, a path and a label), possibly
 * endless ({@link io.dataseq.stream.DescriptorSource}), and gets the same DL4J iterator as a random access reader,
 * with every feature of it: the generated sequence extends {@link io.dataseq.dl4j.DataSetSequence} (or
 * {@link io.dataseq.dl4j.MultiDataSetSequence}), and its builder {@link io.dataseq.dl4j.StreamingBuilder}.
 *
 * <p>Pulls from the source are serialised; the heavy work per descriptor (decode, preprocess) runs on the prefetch
 * engine's workers. A finite source is recorded in its first epoch ({@link io.dataseq.stream.DescriptorCodec} keeps
 * the recording on disk when asked) and read from then on like a random access reader; an endless one is read
 * {@code stepsPerEpoch} batches at a time. See {@code docs/streaming.md}.
 */
package io.dataseq.stream;
