package io.dataseq.internal.stream;

import io.dataseq.internal.ReaderSource;

/**
 * What the bound methods of a {@link io.dataseq.internal.DescriptorBinding} are called on: the user's reader for the
 * calling thread, and record numbers turned into descriptors, {@code record -> store.get(position(record))} with
 * {@code position(record) = (first + record) * world + rank}. A recording's view has {@code first = 0} and one
 * shard; an endless stream's has one per pass, {@code first} being the epoch's first record of this shard, which
 * reads every {@code world}-th descriptor of the stream from {@code rank}.
 *
 * @param <R> the reader type
 * @param <D> the descriptor type
 */
public final class StoredRecords<R, D> {
    private final ReaderSource<R> readers;
    private final DescriptorStore<D> store;
    private final long first;
    private final int world;
    private final int rank;

    StoredRecords(ReaderSource<R> readers, DescriptorStore<D> store, long first, int world, int rank) {
        this.readers = readers;
        this.store = store;
        this.first = first;
        this.world = world;
        this.rank = rank;
    }

    /** The reader of the calling thread. */
    public R reader() {
        return readers.forThisThread();
    }

    /** The descriptor behind {@code record}. */
    public D descriptor(int record) {
        return store.get(position(record));
    }

    /** The source position of {@code record}. */
    public long position(int record) {
        return (first + record) * world + rank;
    }
}
