package io.dataseq.files;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Files and their classes read from a CSV with a header row, one file per row, e.g. {@code labels.csv}:
 *
 * <pre>
 * image_name,label
 * 2/img_0.jpg,2
 * "cats, tabby/01.jpg",cat
 * </pre>
 *
 * <pre>{@code
 * CsvLabels labels = CsvLabels.read(root, root.resolve("labels.csv"), "image_name", "label");
 * }</pre>
 *
 * <p><b>The CSV</b> is read with Apache Commons CSV ({@link CSVFormat#DEFAULT}, RFC 4180): values with a comma, a
 * quote or a line break are quoted ({@code "a ""b"", c.jpg"}); line ends may be LF or CRLF; blank lines are
 * skipped; spaces around an unquoted value are dropped. The text is UTF-8 (a UTF-8 byte order mark, as Excel
 * writes, is skipped; a UTF-16 one switches to UTF-16). Columns are found by their header name; other columns, named or
 * not, are ignored. Rows keep the CSV's order: record {@code i} is the {@code i}-th data row.
 *
 * <p><b>File names</b> are relative to the root, with {@code /} (or the platform's separator). A name that leaves
 * the root is rejected, naming its line: an absolute path (a Windows drive letter included), a {@code ..} that climbs
 * above the root, or a symbolic link under the root (the file, or a folder on its way) that leads outside it or to
 * nothing (a dangling link), checked on the real path of as much of the name as exists. A file that does not exist
 * yet is not an error here: reading it fails with the record's description, and {@link #check()} finds it before
 * training. A file named twice is an error. Files are read with {@link #bytes} or {@link #open}, which check the
 * file again when they open it, so a link put in since the CSV was read cannot lead a read outside the root.
 *
 * <p><b>Labels</b> are one of:
 * <ul>
 *   <li>class names ({@link #read(Path, Path, String, String)}): the distinct names in the column, in a stable
 *       order (whole numbers first by value, "2" before "10", then the rest by {@link String#compareTo}), give the
 *       indices; {@link #read(Path, Path, String, String, List)} takes the names and their order instead, for a
 *       CSV that may lack a class;</li>
 *   <li>class indices ({@link #readIndices}): whole numbers {@code 0 .. classes - 1}, named "0", "1", ....</li>
 * </ul>
 *
 * <p>Every problem is a {@link DatasetException} that names the CSV and the line (counting from 1, the header
 * included, as an editor does). Immutable and thread-safe.
 */
public final class CsvLabels extends ListFileLabels<CsvLabels> {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true) // a trailing comma in the header, as spreadsheets write
            .get();

    private CsvLabels(ListedRows rows, ListedRows.Classes classes) {
        super(rows, classes);
    }

    private CsvLabels(CsvLabels all, int[] records) {
        super(all, records);
    }

    /**
     * Reads files and class names; the classes are the distinct names of {@code labelColumn}, in the stable order
     * described above.
     *
     * @param root the folder the file names are relative to
     * @param csv the CSV file, with a header row
     * @param fileColumn the header name of the column of file names
     * @param labelColumn the header name of the column of class names
     * @throws DatasetException for a malformed CSV or row, a missing column, or a file name outside the root
     * @throws IOException when the CSV or the root cannot be read
     */
    public static CsvLabels read(Path root, Path csv, String fileColumn, String labelColumn) throws IOException {
        ListedRows rows = rows(root, csv, fileColumn, labelColumn);
        return new CsvLabels(rows, rows.byName());
    }

    /**
     * Reads files and class names, numbered as given: {@code classNames.get(i)} is class {@code i}. A class may
     * have no row; a label that is not one of {@code classNames} is an error naming its line.
     */
    public static CsvLabels read(Path root, Path csv, String fileColumn, String labelColumn,
            List<String> classNames) throws IOException {
        List<String> names = ClassNames.checked(Objects.requireNonNull(classNames, "classNames"));
        ListedRows rows = rows(root, csv, fileColumn, labelColumn);
        return new CsvLabels(rows, rows.named(names, inColumn(labelColumn)));
    }

    /**
     * Reads files and class indices: {@code labelColumn} holds whole numbers {@code 0 .. classes - 1}, and the
     * class names are "0", "1", ....
     */
    public static CsvLabels readIndices(Path root, Path csv, String fileColumn, String labelColumn, int classes)
            throws IOException {
        ListedRows rows = rows(root, csv, fileColumn, labelColumn);
        return new CsvLabels(rows, rows.indices(classes, inColumn(labelColumn)));
    }

    /** The CSV the labels were read from, as given. */
    public Path csv() {
        return source();
    }

    @Override
    public String toString() {
        return "CsvLabels[" + size() + " files in " + classNames().size() + " classes, from " + source() + "]";
    }

    @Override
    CsvLabels self() {
        return this;
    }

    @Override
    CsvLabels keeping(int[] records) {
        return new CsvLabels(this, records);
    }

    private static String inColumn(String labelColumn) {
        return " in column \"" + labelColumn + "\"";
    }

    private static ListedRows rows(Path root, Path csv, String fileColumn, String labelColumn) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(fileColumn, "fileColumn");
        Objects.requireNonNull(labelColumn, "labelColumn");
        if (fileColumn.equals(labelColumn)) {
            throw new IllegalArgumentException("the file and label columns are both \"" + fileColumn + "\"");
        }
        ListedRows rows = new ListedRows(root, csv);
        try (Reader reader = ListedRows.openText(csv);
                CSVParser parser = parse(csv, reader)) {
            long headerLine = parser.getCurrentLineNumber();
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new DatasetException(csv + " line 1: the CSV is empty; it needs a header row naming its"
                        + " columns, e.g. " + fileColumn + "," + labelColumn, csv, 1);
            }
            int fileAt = column(csv, header, fileColumn, headerLine);
            int labelAt = column(csv, header, labelColumn, headerLine);
            Iterator<CSVRecord> records = parser.iterator();
            long lastLine = headerLine;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    throw ListedRows.unreadable(csv, lastLine, "CSV", e.getCause());
                }
                lastLine = parser.getCurrentLineNumber();
                long line = lastLine - lineBreaksIn(record);
                if (record.size() != header.size()) {
                    throw rows.problem(line, record.size() + " values for the " + header.size() + " columns of the"
                            + " header " + header + " (quote a value that holds a comma: \"a,b.jpg\")");
                }
                String name = record.get(fileAt);
                String label = record.get(labelAt);
                if (name.isEmpty()) {
                    throw rows.problem(line, "no file name in column \"" + fileColumn + "\"");
                }
                if (label.isEmpty()) {
                    throw rows.problem(line, "no label in column \"" + labelColumn + "\"");
                }
                rows.add(name, label, line);
            }
        }
        return rows;
    }

    private static CSVParser parse(Path csv, Reader reader) throws IOException {
        try {
            return FORMAT.parse(reader);
        } catch (IllegalArgumentException e) { // a header Commons CSV cannot map
            throw new DatasetException(csv + " line 1: the header row cannot be used: " + e.getMessage(), csv, 1, e);
        } catch (UncheckedIOException e) {
            throw ListedRows.unreadable(csv, 0, "CSV", e.getCause());
        } catch (IOException e) {
            throw ListedRows.unreadable(csv, 0, "CSV", e);
        }
    }

    private static int column(Path csv, List<String> header, String name, long headerLine) throws DatasetException {
        int at = header.indexOf(name);
        if (at < 0) {
            throw new DatasetException(csv + " line " + headerLine + ": no column \"" + name
                    + "\" in the header; its columns are " + header, csv, headerLine);
        }
        if (header.lastIndexOf(name) != at) {
            throw new DatasetException(csv + " line " + headerLine + ": the header names column \"" + name
                    + "\" twice; rename one", csv, headerLine);
        }
        return at;
    }

    /** Line breaks inside the record's quoted values: the record started that many lines before it ended. */
    private static int lineBreaksIn(CSVRecord record) {
        int breaks = 0;
        for (String value : record) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        return breaks;
    }
}
