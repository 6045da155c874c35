package io.dataseq.fetch;

import java.util.ArrayList;
import java.util.List;

/** The records skipped so far, in the order they failed; thread-safe. */
public final class SkipReport {
    private final List<SkippedRecord> skipped = new ArrayList<>();

    /** Adds a skipped record. */
    public synchronized void add(SkippedRecord record) {
        skipped.add(record);
    }

    /** A snapshot of the skipped records, oldest first. */
    public synchronized List<SkippedRecord> records() {
        return List.copyOf(skipped);
    }

    /** How many records were skipped. */
    public synchronized int size() {
        return skipped.size();
    }
}
