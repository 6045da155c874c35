package io.dataseq;

/**
 * A record left out of its batch under {@link io.dataseq.annotation.ErrorPolicy#SKIP}.
 *
 * @param epoch the epoch in which it failed
 * @param record the record number
 * @param description the reader's description of the record (its file, say), or null
 * @param cause what the reader threw
 */
public record SkippedRecord(int epoch, int record, String description, Throwable cause) {
    @Override
    public String toString() {
        return "epoch " + epoch + ", record " + record + (description == null ? "" : " (" + description + ")")
                + ": " + cause;
    }
}
