package io.dataseq;


/**
 * The thread waiting in {@code next()} was interrupted. The cause is the {@link InterruptedException}, and the
 * thread's interrupt status is set again. The engine stays usable: the batch that was awaited is delivered by the
 * next call.
 */
public final class ConsumerInterruptedException extends DataSeqException {
    private static final long serialVersionUID = 1L;

    /** Made by the prefetch engine. */
    public ConsumerInterruptedException(int batch, InterruptedException cause) {
        super("interrupted while waiting for batch " + batch, cause);
    }
}
