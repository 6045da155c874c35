package io.dataseq;

import java.io.Serializable;

/**
 * Which record a row of a batch holds, as DL4J's {@code DataSet.getExampleMetaData()} lists it for a sequence built
 * with {@code exampleMetaData(true)}: one per row, in row order, so that a prediction can be traced back to its file.
 * Records that {@code SKIP} left out have no row; {@code skipped()} lists them.
 *
 * @param record the record's number as the reader knows it: its record number, or for a streaming reader the
 *     descriptor's position in the source (counted from 0 across reopenings)
 * @param description what the reader's {@code @Describe} method says of it (its file, say), or null without one
 */
public record RecordMetaData(long record, String description) implements Serializable {
    private static final long serialVersionUID = 1L;
}
