package io.dataseq.hdf5;

import static org.bytedeco.hdf5.global.hdf5.H5Dcreate2;
import static org.bytedeco.hdf5.global.hdf5.H5Dwrite;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5Fcreate;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5Pclose;
import static org.bytedeco.hdf5.global.hdf5.H5Pcreate;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_chunk;
import static org.bytedeco.hdf5.global.hdf5.H5Pset_fletcher32;
import static org.bytedeco.hdf5.global.hdf5.H5S_SELECT_SET;
import static org.bytedeco.hdf5.global.hdf5.H5Sclose;
import static org.bytedeco.hdf5.global.hdf5.H5Screate_simple;
import static org.bytedeco.hdf5.global.hdf5.H5Sselect_hyperslab;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Creates an HDF5 file with one dataset of shape {@code [records, d1, d2, ...]} and writes its rows in slabs of
 * whole records, so that a dataset far larger than memory is written without ever holding it. The dataset is
 * chunked along the record dimension in chunks of {@link #chunkRows()} rows (at least 16 KiB), which suits
 * {@link Hdf5Rows}'s reads of single records in any order: a read touches one chunk, of few rows. Each chunk is
 * stored with a Fletcher-32 checksum (HDF5's {@code fletcher32} filter, 4 bytes a chunk), which HDF5 checks on
 * every read: a flipped bit fails the read of its record ({@link Hdf5Rows} says so) instead of being read as data.
 *
 * <pre>{@code
 * try (Hdf5Writer writer = Hdf5Writer.create(file, "vectors", Hdf5Writer.Type.FLOAT32, 1_000_000, 512)) {
 *     for (int first = 0; first < 1_000_000; first += 1_000) {
 *         writer.write(first, nextThousandVectors()); // 1,000 x 512 floats, C order
 *     }
 * }
 * }</pre>
 *
 * <p>Rows never written read as 0. Thread-safe, like every HDF5 call of this package (see {@link Hdf5Rows}).
 */
public final class Hdf5Writer implements AutoCloseable {
    private static final int MIN_CHUNK_BYTES = 16 * 1024;

    /** How the values are stored in the file; HDF5 converts the values written to it. */
    public enum Type {
        /** 32-bit IEEE float, little-endian. */
        FLOAT32(Float.BYTES),
        /** 64-bit IEEE float, little-endian. */
        FLOAT64(Double.BYTES),
        /** 32-bit signed integer, little-endian. */
        INT32(Integer.BYTES),
        /** 8-bit unsigned integer (pixels, say). */
        UINT8(1);

        private final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }

        long fileType() {
            switch (this) {
                case FLOAT32:
                    return Hdf5Library.FILE_FLOAT32;
                case FLOAT64:
                    return Hdf5Library.FILE_FLOAT64;
                case INT32:
                    return Hdf5Library.FILE_INT32;
                default:
                    return Hdf5Library.FILE_UINT8;
            }
        }
    }

    private final Path file;
    private final String dataset;
    private final long records;
    private final int[] rowShape;
    private final int rowLength;
    private final int chunkRows;
    // Guarded by Hdf5Library.LOCK.
    private final DatasetHandles handles = new DatasetHandles();

    private Hdf5Writer(Path file, String dataset, Type type, long records, int[] rowShape) {
        this.file = file;
        this.dataset = dataset;
        this.records = records;
        this.rowShape = rowShape.clone();
        long length = 1;
        for (int dimension : rowShape) {
            if (dimension < 1) {
                throw new IllegalArgumentException("every dimension of row shape " + Arrays.toString(rowShape)
                        + " must be at least 1");
            }
            length *= dimension;
        }
        if (length > Integer.MAX_VALUE || records < 1) {
            throw new IllegalArgumentException(records + " records of shape " + Arrays.toString(rowShape)
                    + ": need at least 1 record, and rows of at most 2^31 - 1 values");
        }
        this.rowLength = (int) length;
        long rowsFor16KiB = (MIN_CHUNK_BYTES + (long) rowLength * type.bytes - 1) / ((long) rowLength * type.bytes);
        this.chunkRows = (int) Math.max(1, Math.min(rowsFor16KiB, records));
        long[] dims = new long[rowShape.length + 1];
        long[] chunk = new long[dims.length];
        dims[0] = records;
        chunk[0] = chunkRows;
        for (int d = 0; d < rowShape.length; d++) {
            dims[d + 1] = rowShape[d];
            chunk[d + 1] = rowShape[d];
        }
        synchronized (Hdf5Library.LOCK) {
            long properties = -1;
            try {
                handles.file = H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
                if (handles.file < 0) {
                    throw Hdf5Library.failure("could not create HDF5 file " + file);
                }
                handles.fileSpace = H5Screate_simple(dims.length, dims, null);
                properties = H5Pcreate(Hdf5Library.DATASET_CREATE);
                if (handles.fileSpace < 0 || properties < 0 || H5Pset_chunk(properties, chunk.length, chunk) < 0
                        || H5Pset_fletcher32(properties) < 0) {
                    throw Hdf5Library.failure("could not lay out " + where());
                }
                handles.dataset = H5Dcreate2(handles.file, dataset, type.fileType(), handles.fileSpace, H5P_DEFAULT,
                        properties, H5P_DEFAULT);
                if (handles.dataset < 0) {
                    throw Hdf5Library.failure("could not create " + where());
                }
            } catch (RuntimeException e) {
                handles.release();
                throw e;
            } finally {
                if (properties >= 0) {
                    H5Pclose(properties);
                }
            }
        }
    }

    /**
     * Creates (or truncates) {@code file} with one dataset {@code dataset} of {@code records} rows of
     * {@code rowShape} (no dimensions: one value per record), stored as {@code type}.
     *
     * @throws Hdf5Exception when HDF5 cannot create the file or the dataset (a missing directory, say)
     */
    public static Hdf5Writer create(Path file, String dataset, Type type, long records, int... rowShape) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rowShape, "rowShape");
        return new Hdf5Writer(file, dataset, type, records, rowShape);
    }

    /** The number of values in one row. */
    public int rowLength() {
        return rowLength;
    }

    /** How many rows each chunk of the dataset holds. */
    public int chunkRows() {
        return chunkRows;
    }

    /** Writes the rows {@code firstRecord ..} from {@code values}: whole rows, in C order. */
    public void write(long firstRecord, float[] values) {
        try (FloatPointer pointer = new FloatPointer(values)) {
            write(firstRecord, values.length, Hdf5Library.NATIVE_FLOAT, pointer);
        }
    }

    /** Writes the rows {@code firstRecord ..} from {@code values}, converted to the stored type. */
    public void write(long firstRecord, double[] values) {
        try (DoublePointer pointer = new DoublePointer(values)) {
            write(firstRecord, values.length, Hdf5Library.NATIVE_DOUBLE, pointer);
        }
    }

    /** Writes the rows {@code firstRecord ..} from {@code values}, converted to the stored type. */
    public void write(long firstRecord, int[] values) {
        try (IntPointer pointer = new IntPointer(values)) {
            write(firstRecord, values.length, Hdf5Library.NATIVE_INT, pointer);
        }
    }

    /** Flushes and closes the file. Idempotent. */
    @Override
    public void close() {
        synchronized (Hdf5Library.LOCK) {
            handles.close();
        }
    }

    private void write(long firstRecord, int values, long memoryType, Pointer from) {
        if (values % rowLength != 0) {
            throw new IllegalArgumentException(values + " values are not whole rows of " + rowLength + " for "
                    + where());
        }
        long rows = values / rowLength;
        if (firstRecord < 0 || firstRecord + rows > records) {
            throw new IndexOutOfBoundsException("rows " + firstRecord + ".." + (firstRecord + rows - 1)
                    + " are outside 0.." + (records - 1) + " of " + where());
        }
        if (rows == 0) {
            return;
        }
        long[] start = new long[rowShape.length + 1];
        long[] count = new long[start.length];
        start[0] = firstRecord;
        count[0] = rows;
        for (int d = 0; d < rowShape.length; d++) {
            count[d + 1] = rowShape[d];
        }
        synchronized (Hdf5Library.LOCK) {
            if (handles.closed()) {
                throw new IllegalStateException("Hdf5Writer of " + where() + " is closed");
            }
            long memorySpace = H5Screate_simple(1, new long[] {values}, null);
            try {
                if (memorySpace < 0
                        || H5Sselect_hyperslab(handles.fileSpace, H5S_SELECT_SET, start, null, count, null) < 0
                        || H5Dwrite(handles.dataset, memoryType, memorySpace, handles.fileSpace, H5P_DEFAULT,
                                from) < 0) {
                    throw Hdf5Library.failure("could not write rows " + firstRecord + ".." + (firstRecord + rows - 1) + " of "
                            + where());
                }
            } finally {
                if (memorySpace >= 0) {
                    H5Sclose(memorySpace);
                }
            }
        }
    }

    private String where() {
        return "dataset '" + dataset + "' in " + file;
    }
}
