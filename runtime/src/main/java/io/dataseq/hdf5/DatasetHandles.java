package io.dataseq.hdf5;

import java.util.function.LongToIntFunction;
import org.bytedeco.hdf5.global.hdf5;

/**
 * The HDF5 identifiers of one open dataset, as {@link Hdf5Rows} and {@link Hdf5Writer} hold them: the file, the
 * dataset, its file dataspace and (for reads) a memory dataspace of one row; -1 where not open. Both need the same
 * release, in reverse order of opening, after a half-finished open as after {@code close()}; it is written once
 * here.
 *
 * <p>Every field and method is guarded by {@link Hdf5Library#LOCK}: each use calls HDF5, which is not re-entrant.
 */
final class DatasetHandles {
    long file = -1;
    long dataset = -1;
    long fileSpace = -1;
    long memorySpace = -1;
    private boolean closed;

    /** Whether {@link #close()} was called. */
    boolean closed() {
        return closed;
    }

    /** Releases the handles the first time; does nothing after. */
    void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Releases every open handle and marks it not open; never throws, so that it can clean up after any failure. */
    void release() {
        memorySpace = release(memorySpace, hdf5::H5Sclose);
        fileSpace = release(fileSpace, hdf5::H5Sclose);
        dataset = release(dataset, hdf5::H5Dclose);
        file = release(file, hdf5::H5Fclose);
    }

    /** Closes {@code id} with {@code close} if it is open; returns -1, "not open", for the field. */
    private static long release(long id, LongToIntFunction close) {
        if (id >= 0) {
            close.applyAsInt(id); // a failed close leaves nothing to retry: the handle is given up either way
        }
        return -1;
    }
}
