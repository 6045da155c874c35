package io.dataseq.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link CsvLabels} and {@link PathLabelList} hold beyond a {@link LabelledFileList}: the file they were read
 * from and the line that names each record's file. Package-private: users see the public methods on the two classes.
 */
abstract class ListFileLabels extends LabelledFileList {
    private final Path source;
    private final long[] lines;

    /** The rows read, with their classes. */
    ListFileLabels(ListedRows rows, ListedRows.Classes classes) {
        super(rows.root(), rows.files(), rows.relativePaths(), classes.classes(), classes.names());
        this.source = rows.list();
        this.lines = rows.lines();
    }

    /**
     * The line that names {@code record}'s file, counting from 1 as an editor does (a CSV's header and a list's
     * comments and blank lines included); a CSV row that spans lines starts on it.
     */
    public long line(int record) {
        Objects.checkIndex(record, lines.length);
        return lines[record];
    }

    /** The file the list was read from, as given. */
    Path source() {
        return source;
    }
}
