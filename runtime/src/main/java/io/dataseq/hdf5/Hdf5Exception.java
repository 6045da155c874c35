package io.dataseq.hdf5;

import io.dataseq.DataSeqException;

/**
 * An HDF5 file or dataset could not be opened, read or written. The message names the file and the dataset, and
 * ends with what the HDF5 library said, when it said anything.
 */
public class Hdf5Exception extends DataSeqException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message and the exception that caused it (may be null). */
    public Hdf5Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
