package io.dataseq.hdf5;

import static org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5E_WALK_DOWNWARD;
import static org.bytedeco.hdf5.global.hdf5.H5Eclear2;
import static org.bytedeco.hdf5.global.hdf5.H5Eset_auto2;
import static org.bytedeco.hdf5.global.hdf5.H5Ewalk2;
import static org.bytedeco.hdf5.global.hdf5.H5P_CLS_DATASET_CREATE_ID_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_IEEE_F32LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_IEEE_F64LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_DOUBLE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_FLOAT_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_NATIVE_INT_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_I32LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_U8LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5is_library_threadsafe;
import static org.bytedeco.hdf5.global.hdf5.H5open;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.hdf5.H5E_error2_t;
import org.bytedeco.hdf5.H5E_walk2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The one door of this package to the HDF5 C library, and the lock every call goes through.
 *
 * <p><b>Why one global lock.</b> The bytedeco build of HDF5 1.12.1 is not thread-safe: it was built without
 * {@code --enable-threadsafe}, and {@code H5is_library_threadsafe} says so ({@link #THREAD_SAFE}). Such a build
 * keeps global state that every call touches, whatever file it is about: the identifier tables, the free lists,
 * the metadata caches of files opened twice (HDF5 shares one open file between handles on the same path), the
 * error stack. Two threads in the library at once, even on different handles, can corrupt it. So every HDF5 call
 * of this package runs while holding {@link #LOCK}; a handle per worker changes nothing about that (docs/hdf5.md
 * measures both). Code outside this package that calls HDF5 in the same process must not run at the same time.
 *
 * <p><b>Why the {@code _g()} identifiers.</b> The presets map HDF5's predefined types and property classes (macros
 * over 64-bit {@code hid_t} globals) to {@code int} constants such as {@code H5T_NATIVE_FLOAT}, which truncate
 * the identifier (42 instead of 0x30000000000002a): only the {@code ..._g()} getters, read after
 * {@code H5open()}, are right.
 *
 * <p><b>Why HDF5 prints nothing.</b> By default HDF5 prints its error stack to stderr on every failed call. This
 * package turns that off once (as h5py does) and puts the stack's messages into its exceptions instead.
 */
final class Hdf5Library {
    /** Held during every HDF5 call of this package, from any thread. */
    static final Object LOCK = new Object();

    /** Whether the loaded HDF5 library serialises its own calls (false for the bytedeco 1.12.1 build). */
    static final boolean THREAD_SAFE;

    /** The native {@code float}, the memory type of every read and of float writes. */
    static final long NATIVE_FLOAT;
    static final long NATIVE_DOUBLE;
    static final long NATIVE_INT;
    static final long FILE_FLOAT32;
    static final long FILE_FLOAT64;
    static final long FILE_INT32;
    static final long FILE_UINT8;
    /** The dataset-creation property list class, for {@code H5Pcreate}. */
    static final long DATASET_CREATE;

    private static final ErrorCollector ERRORS;

    static {
        synchronized (LOCK) {
            if (H5open() < 0) {
                throw new Hdf5Exception("the HDF5 library failed to initialise (H5open)", null);
            }
            H5Eset_auto2(H5E_DEFAULT, null, null);
            boolean[] threadSafe = new boolean[1];
            H5is_library_threadsafe(threadSafe);
            THREAD_SAFE = threadSafe[0];
            NATIVE_FLOAT = H5T_NATIVE_FLOAT_g();
            NATIVE_DOUBLE = H5T_NATIVE_DOUBLE_g();
            NATIVE_INT = H5T_NATIVE_INT_g();
            FILE_FLOAT32 = H5T_IEEE_F32LE_g();
            FILE_FLOAT64 = H5T_IEEE_F64LE_g();
            FILE_INT32 = H5T_STD_I32LE_g();
            FILE_UINT8 = H5T_STD_U8LE_g();
            DATASET_CREATE = H5P_CLS_DATASET_CREATE_ID_g();
            ERRORS = new ErrorCollector();
        }
    }

    private Hdf5Library() {}

    /**
     * What HDF5 said about the call that just failed on this thread: the outermost message (what failed) and the
     * innermost (why), e.g. {@code "unable to open file (... errno = 2, error message = 'No such file or
     * directory' ...)"}; empty when the stack is empty. Clears the stack. Call while holding {@link #LOCK}.
     */
    static String lastError() {
        List<String> messages = ERRORS.collect();
        H5Eclear2(H5E_DEFAULT);
        if (messages.isEmpty()) {
            return "";
        }
        String outer = messages.get(0);
        String inner = messages.get(messages.size() - 1);
        return outer.equals(inner) ? outer : outer + " (" + inner + ")";
    }

    /** Walks the current error stack; one instance, reused under the lock (JavaCPP callbacks are few). */
    private static final class ErrorCollector extends H5E_walk2_t {
        private final List<String> messages = new ArrayList<>();

        List<String> collect() {
            messages.clear();
            H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, this, null);
            return List.copyOf(messages);
        }

        @Override
        public int call(int depth, H5E_error2_t error, Pointer data) {
            BytePointer description = error.desc();
            if (description != null && !description.isNull()) {
                String text = description.getString().trim();
                if (!text.isEmpty()) {
                    messages.add(text);
                }
            }
            return 0;
        }
    }

    /**
     * An error for a read that failed, as {@link #failure}, saying plainly when the cause was a checksum: HDF5 checks
     * the Fletcher-32 checksum of every chunk that has one, and a chunk whose bytes changed fails its read.
     */
    static Hdf5Exception readFailure(String what) {
        String said = lastError();
        if (said.toLowerCase(java.util.Locale.ROOT).contains("checksum")) {
            return new Hdf5Exception(what + ": its data is corrupt (the chunk's Fletcher-32 checksum does not match"
                    + " its bytes; HDF5 says " + said + ")", null);
        }
        return new Hdf5Exception(said.isEmpty() ? what : what + ": HDF5 says " + said, null);
    }

    /** An error for {@code what}, with HDF5's own last message when it left one. */
    static Hdf5Exception failure(String what) {
        String said = lastError();
        return new Hdf5Exception(said.isEmpty() ? what : what + ": HDF5 says " + said, null);
    }
}
