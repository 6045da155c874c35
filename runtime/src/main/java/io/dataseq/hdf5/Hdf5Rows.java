package io.dataseq.hdf5;

import static org.bytedeco.hdf5.global.hdf5.H5Dget_space;
import static org.bytedeco.hdf5.global.hdf5.H5Dget_type;
import static org.bytedeco.hdf5.global.hdf5.H5Dopen2;
import static org.bytedeco.hdf5.global.hdf5.H5Dread;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;
import static org.bytedeco.hdf5.global.hdf5.H5Fopen;
import static org.bytedeco.hdf5.global.hdf5.H5Lexists;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5S_SELECT_SET;
import static org.bytedeco.hdf5.global.hdf5.H5Screate_simple;
import static org.bytedeco.hdf5.global.hdf5.H5Sget_simple_extent_dims;
import static org.bytedeco.hdf5.global.hdf5.H5Sget_simple_extent_ndims;
import static org.bytedeco.hdf5.global.hdf5.H5Sselect_hyperslab;
import static org.bytedeco.hdf5.global.hdf5.H5T_FLOAT;
import static org.bytedeco.hdf5.global.hdf5.H5T_INTEGER;
import static org.bytedeco.hdf5.global.hdf5.H5Tclose;
import static org.bytedeco.hdf5.global.hdf5.H5Tget_class;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The rows of one numeric HDF5 dataset of shape {@code [records, d1, d2, ...]}, read by record number: row
 * {@code r} is the hyperslab {@code [r, 0, 0, ...]} of extent {@code [1, d1, d2, ...]}, converted by HDF5 to
 * native float32 whatever the stored type (float32, float64, any integer). Only the rows asked for are read, so
 * the dataset may be far larger than memory.
 *
 * <p>A reader holds one and reads a record's values from its {@code @Features} method:
 *
 * <pre>{@code
 * @DataSequence(batchSize = 64, shuffle = true)
 * public final class Embeddings implements AutoCloseable {
 *     private final Hdf5Rows vectors;
 *
 *     public Embeddings(Path file) {
 *         this.vectors = Hdf5Rows.open(file, "vectors"); // [records, 512], any numeric type
 *     }
 *     @Size public int size() { return vectors.records(); }
 *     @Features(shape = 512) public float[] vector(int record) { return vectors.read(record); }
 *     @Override public void close() { vectors.close(); }
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Safe to share between threads. The HDF5 library underneath is not re-entrant, so every call
 * into it, from every {@code Hdf5Rows} and {@link Hdf5Writer} of the process, holds one global lock: reads of
 * HDF5 never overlap, while everything else a worker does (its other outputs, the copy, the consumer's training
 * step) runs beside them. One shared instance is as fast as one per worker (docs/hdf5.md).
 *
 * <p><b>Zero copy.</b> {@link #read(int, FloatBuffer, int)} into a direct buffer of native byte order (a batch
 * buffer is one) has HDF5 write the row straight into that memory; the {@code float[]} methods go through a
 * native scratch row and copy.
 *
 * <p><b>Closing.</b> {@link #close()} releases the HDF5 handles; closing again does nothing; reading afterwards
 * throws {@link IllegalStateException} naming the file.
 */
public final class Hdf5Rows implements AutoCloseable {
    private final Path file;
    private final String dataset;
    private final int records;
    private final int[] rowShape;
    private final int rowLength;
    private final int rank;
    // HDF5 identifiers and the scratch row: guarded by Hdf5Library.LOCK, as every use of them calls HDF5.
    private final DatasetHandles handles = new DatasetHandles();
    private FloatPointer scratch;

    private Hdf5Rows(Path file, String dataset) {
        this.file = file;
        this.dataset = dataset;
        if (!Files.isRegularFile(file)) {
            throw new Hdf5Exception(Files.exists(file)
                    ? "HDF5 file " + file + " is not a regular file" : "HDF5 file " + file + " does not exist", null);
        }
        synchronized (Hdf5Library.LOCK) {
            try {
                handles.file = H5Fopen(file.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
                if (handles.file < 0) {
                    throw Hdf5Library.failure("could not open " + file + " as an HDF5 file");
                }
                if (H5Lexists(handles.file, dataset, H5P_DEFAULT) <= 0) {
                    Hdf5Library.lastError(); // a missing parent group fails rather than says false: same answer
                    throw new Hdf5Exception("HDF5 file " + file + " has no dataset '" + dataset + "'", null);
                }
                handles.dataset = H5Dopen2(handles.file, dataset, H5P_DEFAULT);
                if (handles.dataset < 0) {
                    throw Hdf5Library.failure("could not open '" + dataset + "' in " + file + " as a dataset");
                }
                checkNumeric();
                handles.fileSpace = H5Dget_space(handles.dataset);
                if (handles.fileSpace < 0) {
                    throw Hdf5Library.failure("could not read the shape of " + where());
                }
                long[] dims = dimensions();
                this.rank = dims.length;
                this.records = (int) dims[0];
                this.rowShape = rowShape(dims);
                this.rowLength = Math.toIntExact(Arrays.stream(rowShape).asLongStream().reduce(1, (a, b) -> a * b));
                handles.memorySpace = H5Screate_simple(1, new long[] {rowLength}, null);
                if (handles.memorySpace < 0) {
                    throw Hdf5Library.failure("could not create a dataspace for one row of " + where());
                }
            } catch (RuntimeException e) {
                handles.release(); // no scratch row yet: it is made on the first read
                throw e;
            }
        }
    }

    /**
     * Opens {@code dataset} (a path such as {@code "features"} or {@code "/train/images"}) of the HDF5 file
     * {@code file}, read-only.
     *
     * @throws Hdf5Exception when the file is missing or not HDF5, the dataset is missing, not numeric, has no record
     *     dimension (a scalar), more than {@code 2^31 - 1} records, or rows of more than {@code 2^31 - 1} values
     */
    public static Hdf5Rows open(Path file, String dataset) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataset, "dataset");
        return new Hdf5Rows(file, dataset);
    }

    /** The file this reads. */
    public Path file() {
        return file;
    }

    /** The dataset's path in the file, as given to {@link #open}. */
    public String dataset() {
        return dataset;
    }

    /** The number of records: the dataset's first dimension. */
    public int records() {
        return records;
    }

    /**
     * The shape of one row: the dataset's dimensions after the first. Empty for a one-dimensional dataset, whose
     * rows are single values (declare them with shape {@code {1}}).
     */
    public int[] rowShape() {
        return rowShape.clone();
    }

    /** The number of float values in one row: the product of {@link #rowShape()}, 1 for an empty shape. */
    public int rowLength() {
        return rowLength;
    }

    /** Reads {@code record} into a new array of {@link #rowLength()} values, in C order. */
    public float[] read(int record) {
        float[] row = new float[rowLength];
        read(record, row);
        return row;
    }

    /** Reads {@code record} into the first {@link #rowLength()} values of {@code into}, in C order. */
    public void read(int record, float[] into) {
        Objects.requireNonNull(into, "into");
        if (into.length < rowLength) {
            throw new IllegalArgumentException("an array of " + into.length + " floats cannot hold a row of "
                    + rowLength + " of " + where());
        }
        synchronized (Hdf5Library.LOCK) {
            readIntoScratch(record).get(into, 0, rowLength);
        }
    }

    /**
     * Reads {@code record} into all of {@code row}, indices {@code 0 .. row.limit() - 1}: what a direct
     * {@code @Features} method does with the row it is given, {@code vectors.read(record, row)}. The row must hold
     * exactly {@link #rowLength()} values, so a dataset whose rows differ from the shape the reader declares fails
     * here rather than leave the rest of the row holding an earlier batch's values (or write past it). Into a direct
     * buffer of native byte order HDF5 writes straight into its memory.
     *
     * @throws Hdf5Exception when {@code row}'s limit is not {@link #rowLength()}; the message names the record, the
     *     dataset, the file and both shapes
     */
    public void read(int record, FloatBuffer row) {
        Objects.requireNonNull(row, "row");
        if (row.limit() != rowLength) {
            throw new Hdf5Exception("record " + record + " of " + where() + " has " + rowLength + " values (rows of "
                    + Arrays.toString(rowShape) + "), but the row to fill holds " + row.limit() + " (the shape the"
                    + " reader declares): " + (row.limit() > rowLength ? "the rest would keep an earlier batch's"
                    + " values" : "they do not fit") + "; declare the dataset's row shape", null);
        }
        read(record, row, 0);
    }

    /**
     * Reads {@code record} into {@code target} at {@code offset .. offset + rowLength() - 1} (absolute indices;
     * the buffer's position is left alone). Into a direct buffer of native byte order, such as a batch buffer,
     * HDF5 writes the values straight into its memory; into any other buffer they are copied. For filling part of
     * a larger row (two datasets side by side, say); it cannot tell a dataset of shorter rows than declared from a
     * part, so a direct method that fills its whole row calls {@link #read(int, FloatBuffer)}, which checks.
     *
     * @throws IndexOutOfBoundsException when the row does not fit below {@code target}'s limit
     */
    public void read(int record, FloatBuffer target, int offset) {
        Objects.requireNonNull(target, "target");
        Objects.checkFromIndexSize(offset, rowLength, target.limit());
        boolean direct = target.isDirect() && target.order() == ByteOrder.nativeOrder();
        synchronized (Hdf5Library.LOCK) {
            if (direct) {
                // A slice, not position(offset): JavaCPP adds a pointer's position to a void* in bytes, not floats.
                // HDF5 writes exactly rowLength floats from the slice's address, inside the bounds checked above.
                readInto(record, new FloatPointer(target.slice(offset, rowLength)));
            } else {
                target.put(offset, readIntoScratch(record).asBuffer(), 0, rowLength);
            }
        }
    }

    /** Releases the HDF5 handles. Idempotent; reading afterwards throws. */
    @Override
    public void close() {
        synchronized (Hdf5Library.LOCK) {
            handles.close();
            if (scratch != null) {
                scratch.close();
                scratch = null;
            }
        }
    }

    @Override
    public String toString() {
        return "Hdf5Rows[" + where() + ", " + records + " x " + Arrays.toString(rowShape) + "]";
    }

    /** Called holding the lock. */
    private FloatPointer readIntoScratch(int record) {
        if (scratch == null) {
            checkOpen();
            scratch = new FloatPointer(rowLength);
        }
        readInto(record, scratch);
        return scratch;
    }

    /** Called holding the lock: selects the row's hyperslab and reads it as native floats into {@code row}. */
    private void readInto(int record, FloatPointer row) {
        checkOpen();
        if (record < 0 || record >= records) {
            throw new IndexOutOfBoundsException("record " + record + " is outside 0.." + (records - 1) + " of "
                    + where());
        }
        long[] start = new long[rank];
        start[0] = record;
        long[] count = new long[rank];
        count[0] = 1;
        for (int d = 1; d < rank; d++) {
            count[d] = rowShape[d - 1];
        }
        if (H5Sselect_hyperslab(handles.fileSpace, H5S_SELECT_SET, start, null, count, null) < 0) {
            throw Hdf5Library.failure("could not select record " + record + " of " + where());
        }
        if (H5Dread(handles.dataset, Hdf5Library.NATIVE_FLOAT, handles.memorySpace, handles.fileSpace, H5P_DEFAULT,
                row) < 0) {
            throw Hdf5Library.readFailure("could not read record " + record + " of " + where());
        }
    }

    private void checkOpen() {
        if (handles.closed()) {
            throw new IllegalStateException("Hdf5Rows of " + where() + " is closed");
        }
    }

    private void checkNumeric() {
        long type = H5Dget_type(handles.dataset);
        if (type < 0) {
            throw Hdf5Library.failure("could not read the type of " + where());
        }
        int typeClass = H5Tget_class(type);
        H5Tclose(type);
        if (typeClass != H5T_INTEGER && typeClass != H5T_FLOAT) {
            throw new Hdf5Exception(where() + " holds values of HDF5 type class " + typeClass
                    + "; Hdf5Rows reads integer and floating-point datasets only", null);
        }
    }

    private long[] dimensions() {
        int dimensions = H5Sget_simple_extent_ndims(handles.fileSpace);
        if (dimensions < 0) {
            throw Hdf5Library.failure("could not read the shape of " + where());
        }
        if (dimensions == 0) {
            throw new Hdf5Exception(where() + " is a scalar; Hdf5Rows needs a record dimension", null);
        }
        long[] dims = new long[dimensions];
        if (H5Sget_simple_extent_dims(handles.fileSpace, dims, (long[]) null) < 0) {
            throw Hdf5Library.failure("could not read the shape of " + where());
        }
        if (dims[0] > Integer.MAX_VALUE) {
            throw new Hdf5Exception(where() + " has " + dims[0] + " records; DataSeq numbers records with an int",
                    null);
        }
        return dims;
    }

    private int[] rowShape(long[] dims) {
        int[] shape = new int[dims.length - 1];
        long length = 1;
        for (int d = 1; d < dims.length; d++) {
            length *= dims[d];
            if (dims[d] > Integer.MAX_VALUE || length > Integer.MAX_VALUE) {
                throw new Hdf5Exception(where() + " has rows of shape " + Arrays.toString(Arrays.copyOfRange(dims, 1,
                        dims.length)) + "; a row holds at most 2^31 - 1 values", null);
            }
            shape[d - 1] = (int) dims[d];
        }
        return shape;
    }

    private String where() {
        return "dataset '" + dataset + "' in " + file;
    }
}
