package io.dataseq.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Files and their classes read from a "path label" list, the classic input of Keras-style generators and of Caffe's
 * image data layer: one file per line, its path relative to the root, then its label, e.g. {@code train.txt}:
 *
 * <pre>
 * # digits, written on Windows
 * 7\img_3.jpg 7
 * 2/img_0.jpg   2
 * scans/page one.png cat
 * </pre>
 *
 * <pre>{@code
 * PathLabelList labels = PathLabelList.read(root, root.resolve("train.txt"));
 * }</pre>
 *
 * <p><b>The list</b> is text, UTF-8 (a UTF-8 byte order mark is skipped; a UTF-16 one switches to UTF-16), with LF,
 * CRLF or CR line ends. On each line the <b>label is the last word</b> (what follows the last space or tab) and the
 * <b>path is everything before it</b>, without the spaces around it, so a path may hold spaces but a label may not;
 * there is no quoting. Blank lines are skipped, and so is a line whose first character other than a space is
 * {@code #}, a comment (to list a file whose name starts with {@code #}, write {@code ./#1.jpg}). Records keep the
 * list's order: record {@code i} is the {@code i}-th line that names a file.
 *
 * <p><b>Paths</b> may separate names with {@code \} as Windows writes them, or {@code /}: both are read as
 * {@code /}, so a name cannot hold a {@code \}. Every rule of {@link CsvLabels} applies: a path that leaves the root
 * (absolute, a drive letter such as {@code C:\}, a {@code ..} that climbs above the root, a symbolic link that leads
 * outside it or to nothing) is refused, naming its line; a file named twice is an error; a file that does not exist
 * yet is not an error here ({@link #check()} finds it before training); {@link #bytes} and {@link #open} check the
 * file again when they open it.
 *
 * <p><b>Labels</b> are class names ({@link #read(Path, Path)}, numbered in the stable order of {@link CsvLabels}:
 * whole numbers first by value, then the rest as text), class names given with their numbering
 * ({@link #read(Path, Path, List)}), or class indices {@code 0 .. classes - 1} ({@link #readIndices}).
 *
 * <p>Every problem is a {@link DatasetException} that names the list and the line (counting from 1, comments and
 * blank lines included, as an editor does). Immutable and thread-safe.
 */
public final class PathLabelList extends ListFileLabels<PathLabelList> {
    private PathLabelList(ListedRows rows, ListedRows.Classes classes) {
        super(rows, classes);
    }

    private PathLabelList(PathLabelList all, int[] records) {
        super(all, records);
    }

    /**
     * Reads files and class names; the classes are the distinct labels, in the stable order described above.
     *
     * @param root the folder the paths are relative to
     * @param list the list file, one {@code path label} per line
     * @throws DatasetException for a line without a label, a path outside the root, or a file named twice
     * @throws IOException when the list or the root cannot be read
     */
    public static PathLabelList read(Path root, Path list) throws IOException {
        ListedRows rows = rows(root, list);
        return new PathLabelList(rows, rows.byName());
    }

    /**
     * Reads files and class names, numbered as given: {@code classNames.get(i)} is class {@code i}. A class may have
     * no line; a label that is not one of {@code classNames} is an error naming its line.
     */
    public static PathLabelList read(Path root, Path list, List<String> classNames) throws IOException {
        List<String> names = ClassNames.checked(Objects.requireNonNull(classNames, "classNames"));
        ListedRows rows = rows(root, list);
        return new PathLabelList(rows, rows.named(names, ""));
    }

    /** Reads files and class indices: each label is a whole number {@code 0 .. classes - 1}, named "0", "1", .... */
    public static PathLabelList readIndices(Path root, Path list, int classes) throws IOException {
        ListedRows rows = rows(root, list);
        return new PathLabelList(rows, rows.indices(classes, ""));
    }

    /** The list the files were read from, as given. */
    public Path list() {
        return source();
    }

    @Override
    public String toString() {
        return "PathLabelList[" + size() + " files in " + classNames().size() + " classes, from " + source() + "]";
    }

    @Override
    PathLabelList self() {
        return this;
    }

    @Override
    PathLabelList keeping(int[] records) {
        return new PathLabelList(this, records);
    }

    private static ListedRows rows(Path root, Path list) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(list, "list");
        ListedRows rows = new ListedRows(root, list);
        try (BufferedReader reader = new BufferedReader(ListedRows.openText(list))) {
            long line = 0;
            while (true) {
                String text;
                try {
                    text = reader.readLine();
                } catch (IOException e) {
                    throw ListedRows.unreadable(list, line, "text", e);
                }
                if (text == null) {
                    break;
                }
                line++;
                String entry = text.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                int space = entry.length() - 1;
                while (space >= 0 && !Character.isWhitespace(entry.charAt(space))) {
                    space--;
                }
                if (space < 0) {
                    throw rows.problem(line, "\"" + entry + "\" has no label; write the file's path, a space and its"
                            + " label, e.g. 7/img_3.jpg 7");
                }
                String path = entry.substring(0, space).strip().replace('\\', '/');
                rows.add(path, entry.substring(space + 1), line);
            }
        }
        return rows;
    }
}
