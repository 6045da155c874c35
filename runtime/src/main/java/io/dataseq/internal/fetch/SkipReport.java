package io.dataseq.internal.fetch;

import io.dataseq.SkippedRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The records skipped so far, in the order they failed; thread-safe. */
public final class SkipReport {
    /** The columns of {@link #writeCsv}. */
    public static final List<String> CSV_HEADER = List.of("epoch", "record", "description", "error", "message");

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

    /**
     * Writes {@code records} to {@code file} as CSV (UTF-8, a header row, then one row per record: epoch, record,
     * the reader's description or empty, the error's class and its message), replacing the file: a list of exactly
     * what was left out, for a person or a spreadsheet.
     */
    public static void writeCsv(List<SkippedRecord> records, Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER.toArray(String[]::new)).get();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, format)) {
            for (SkippedRecord record : records) {
                Throwable cause = record.cause();
                csv.printRecord(record.epoch(), record.record(),
                        record.description() == null ? "" : record.description(),
                        cause == null ? "" : cause.getClass().getName(),
                        cause == null || cause.getMessage() == null ? "" : cause.getMessage());
            }
        }
    }
}
