package io.dataseq.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link CsvLabels} and {@link PathLabelList} hold beyond a {@link LabelledFileList}: the file they were read
 * from and the line that names each record's file. Package-private: users see the public methods on the two classes.
 *
 * @param <L> the list's own type
 */
abstract class ListFileLabels<L extends ListFileLabels<L>> extends LabelledFileList<L> {
    private final Path source;
    private final long[] lines;

    /** The rows read, with their classes. */
    ListFileLabels(ListedRows rows, ListedRows.Classes classes) {
        super(rows.root(), rows.files(), rows.relativePaths(), classes.classes(), classes.names());
        this.source = rows.list();
        this.lines = rows.lines();
    }

    /** The {@code records} of {@code all}, in that order, for {@link #keeping}. */
    ListFileLabels(ListFileLabels<L> all, int[] records) {
        super(all.root, all.filesOf(records), all.relativePathsOf(records), all.classesOf(records), all.classNames());
        this.source = all.source;
        this.lines = pick(all.lines, records);
    }

    /**
     * The line that names {@code record}'s file, counting from 1 as an editor does (a CSV's header and a list's
     * comments and blank lines included); a CSV row that spans lines starts on it.
     */
    public long line(int record) {
        Objects.checkIndex(record, lines.length);
        return lines[record];
    }

    @Override
    Path source() {
        return source;
    }

    @Override
    long lineOf(int record) {
        return line(record);
    }
}
