package io.dataseq.stream;

import io.dataseq.binding.ReaderSource;

/**
 * What the bound methods of a {@link DescriptorBinding} are called on: the user's reader for the calling thread, and
 * record numbers turned into descriptors, {@code record -> store.get(first + record)}. One per pass: {@code first} is
 * the position of the pass's record 0 (0 when recording, the epoch's first position when streaming).
 *
 * @param <R> the reader type
 * @param <D> the descriptor type
 */
final class StoredRecords<R, D> {
    private final ReaderSource<R> readers;
    private final DescriptorStore<D> store;
    private final long first;

    StoredRecords(ReaderSource<R> readers, DescriptorStore<D> store, long first) {
        this.readers = readers;
        this.store = store;
        this.first = first;
    }

    /** The reader of the calling thread. */
    R reader() {
        return readers.forThisThread();
    }

    /** The descriptor behind {@code record}. */
    D descriptor(int record) {
        return store.get(position(record));
    }

    /** The source position of {@code record}. */
    long position(int record) {
        return first + record;
    }

    /** The number of records the store holds from {@code first}; only a recorded store's is final. */
    int size() {
        return (int) Math.min(Integer.MAX_VALUE, store.pulled() - first);
    }
}
