package io.dataseq.engine;

import io.dataseq.DataSeqException;

/** The sequence was closed: no more batches, from any thread. */
public final class EngineClosedException extends DataSeqException {
    private static final long serialVersionUID = 1L;

    EngineClosedException() {
        super("the sequence is closed", null);
    }
}
