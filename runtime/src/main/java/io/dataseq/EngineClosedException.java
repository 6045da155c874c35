package io.dataseq;


/** The sequence was closed: no more batches, from any thread. */
public final class EngineClosedException extends DataSeqException {
    private static final long serialVersionUID = 1L;

    /** Made by the prefetch engine. */
    public EngineClosedException() {
        super("the sequence is closed", null);
    }
}
