package io.dataseq.stream;

import java.util.Iterator;
import java.util.stream.Stream;

/** An iterator over a stream that closes the stream when the sequence is done with it. */
final class StreamCursor<D> implements Iterator<D>, AutoCloseable {
    private final Stream<? extends D> stream;
    private final Iterator<? extends D> iterator;

    StreamCursor(Stream<? extends D> stream) {
        this.stream = stream;
        this.iterator = stream.iterator();
    }

    @Override
    public boolean hasNext() {
        return iterator.hasNext();
    }

    @Override
    public D next() {
        return iterator.next();
    }

    @Override
    public void close() {
        stream.close();
    }
}
