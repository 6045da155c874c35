package io.dataseq.stream;

import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where a streaming reader's descriptors come from: opens a fresh iterator over them, in a stable order, each time
 * it is asked. A descriptor is light (a line of a file list, a path and a label): the heavy work belongs to the
 * reader's {@code @Features} and {@code @Label} methods, which run on the workers.
 *
 * <p>{@link #open()} is called on a worker thread (or the consumer's, with {@code workers(0)}), and the iterator is
 * only ever used by one thread at a time: the sequence serialises pulls, as a thread-safe generator wrapper would.
 * An iterator that is {@link AutoCloseable} (as {@link #ofStream}'s are) is closed when the sequence is done with it.
 * An iterator may be endless; then the sequence needs {@code stepsPerEpoch}.
 *
 * @param <D> the descriptor type
 */
@FunctionalInterface
public interface DescriptorSource<D> {

    /** Opens an iterator over the descriptors, from the first. */
    Iterator<? extends D> open() throws Exception;

    /** The elements of {@code descriptors}, e.g. a list of file names. */
    static <D> DescriptorSource<D> of(Iterable<? extends D> descriptors) {
        Objects.requireNonNull(descriptors, "descriptors");
        return descriptors::iterator;
    }

    /**
     * A new stream from {@code streams} per opening, e.g. {@code () -> Files.lines(list)}; the stream is closed when
     * the sequence is done with it (at the end of the source, at the end of the epoch, or at {@code close()}).
     */
    static <D> DescriptorSource<D> ofStream(Supplier<? extends Stream<? extends D>> streams) {
        Objects.requireNonNull(streams, "streams");
        return () -> new StreamCursor<>(Objects.requireNonNull(streams.get(), "the stream supplier returned null"));
    }
}
