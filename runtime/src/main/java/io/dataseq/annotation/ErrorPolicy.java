package io.dataseq.annotation;

/** What a sequence does when its reader throws while reading a record. */
public enum ErrorPolicy {
    /**
     * Stop: the consumer's next {@code next()} throws an error naming the record, the reader's description of it
     * (its file, say) and the cause.
     */
    FAIL,
    /**
     * Go on: the record is left out of its batch (which is then smaller) and listed in the sequence's skip report
     * with its description and cause. Records delivered plus records skipped always equals the records visited.
     */
    SKIP
}
