package io.dataseq.processor;

/**
 * Thrown by the parser when the reader refers to something the compiler has not resolved (yet): a type, or an
 * annotation value that is not a constant. The processor then retries the reader in the next round, and leaves it to
 * javac's own error if it never resolves.
 */
final class Unresolved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unresolved(String what) {
        super(what, null, false, false);
    }
}
