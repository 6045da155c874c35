package io.dataseq.files;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;

/**
 * The rows of a list file as it is read ({@link CsvLabels}' CSV, {@link PathLabelList}'s lines): each file name
 * checked against the root, no file named twice; then their labels made classes, in one of the three ways both
 * offer. Written once, so that a name, a label and their errors mean the same in either.
 */
final class ListedRows {
    private final FileRoot root;
    private final Path list;
    private final List<String> relativePaths = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<Long> lines = new ArrayList<>();
    private final Map<String, Long> firstLine = new HashMap<>();

    /** Rows of {@code list}, whose file names are relative to {@code root}, which must be a folder. */
    ListedRows(Path root, Path list) throws IOException {
        this.root = FileRoot.of(root);
        this.list = list;
    }

    /**
     * The text of a list file: UTF-8, or UTF-16 when a byte order mark says so (a UTF-8 one, as Excel writes, is
     * skipped); bytes that are not valid text fail the read with a {@link CharacterCodingException}.
     */
    static Reader openText(Path file) throws IOException {
        BOMInputStream in = withoutByteOrderMark(file);
        return new InputStreamReader(in, strictDecoder(in));
    }

    /**
     * The error for a list whose text cannot be read after {@code lastGoodLine} (0: from its start); {@code kind} is
     * what it should be ("CSV"). Text that is not UTF-8 is found again, to name its line: a reader decodes ahead of
     * the lines it has handed out.
     */
    static DatasetException unreadable(Path list, long lastGoodLine, String kind, IOException cause) {
        if (cause instanceof CharacterCodingException) {
            long line;
            try {
                line = undecodableLine(list);
            } catch (IOException e) {
                line = lastGoodLine + 1;
            }
            return new DatasetException(list + " line " + line + ": not UTF-8 text (" + cause + "); save it as UTF-8",
                    list, line, cause);
        }
        String where = lastGoodLine > 0 ? " after line " + lastGoodLine : "";
        return new DatasetException(list + ": not valid " + kind + where + ": " + cause.getMessage(), list,
                lastGoodLine + 1, cause);
    }

    /** The line (from 1) of the first bytes of {@code file} that do not decode: decodes it again, counting lines. */
    private static long undecodableLine(Path file) throws IOException {
        try (BOMInputStream in = withoutByteOrderMark(file)) {
            CharsetDecoder decoder = strictDecoder(in);
            ByteBuffer bytes = ByteBuffer.allocate(1 << 13);
            CharBuffer chars = CharBuffer.allocate(1 << 13);
            long line = 1;
            char previous = 0;
            while (true) {
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                bytes.position(bytes.position() + Math.max(read, 0)).flip();
                CoderResult result = decoder.decode(bytes, chars, read < 0);
                chars.flip();
                while (chars.hasRemaining()) {
                    char c = chars.get();
                    if (c == '\r' || (c == '\n' && previous != '\r')) {
                        line++;
                    }
                    previous = c;
                }
                chars.clear();
                if (result.isError() || read < 0) {
                    return line;
                }
                bytes.compact();
            }
        }
    }

    private static BOMInputStream withoutByteOrderMark(Path file) throws IOException {
        return BOMInputStream.builder()
                .setPath(file)
                .setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE)
                .get();
    }

    /** A decoder for the charset the byte order mark names (UTF-8 without one) that fails on malformed bytes. */
    private static CharsetDecoder strictDecoder(BOMInputStream in) throws IOException {
        String named = in.getBOMCharsetName();
        Charset charset = named == null ? StandardCharsets.UTF_8 : Charset.forName(named);
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The error for {@code line} of the list: its message starts with the list and the line. */
    DatasetException problem(long line, String problem) {
        return new DatasetException(list + " line " + line + ": " + problem, list, line);
    }

    /** Adds the row on {@code line}: a file name as written, checked against the root, and its label. */
    void add(String name, String label, long line) throws IOException {
        String relative;
        try {
            relative = root.relativeName(name);
        } catch (FileRoot.Refused e) {
            throw problem(line, "file name \"" + name + "\" " + e.problem());
        }
        Long first = firstLine.putIfAbsent(relative, line);
        if (first != null) {
            throw problem(line, "file \"" + relative + "\" is named again (first on line " + first + "); each file"
                    + " may be listed once");
        }
        relativePaths.add(relative);
        labels.add(label);
        lines.add(line);
    }

    FileRoot root() {
        return root;
    }

    Path list() {
        return list;
    }

    List<String> relativePaths() {
        return List.copyOf(relativePaths);
    }

    List<Path> files() {
        return relativePaths.stream().map(root::resolve).toList();
    }

    long[] lines() {
        return lines.stream().mapToLong(Long::longValue).toArray();
    }

    /** The classes, when they are the distinct labels in {@link ClassNames#ORDER}. */
    Classes byName() {
        List<String> names = ClassNames.sorted(labels);
        Map<String, Integer> index = indexOf(names);
        return new Classes(labels.stream().mapToInt(index::get).toArray(), names);
    }

    /**
     * The classes, when {@code names} (checked) gives them and their numbering; a label that is not one of them is
     * an error naming its line. {@code where} completes "label "x"" in that error: {@code " in column "l""}, or empty.
     */
    Classes named(List<String> names, String where) throws DatasetException {
        Map<String, Integer> index = indexOf(names);
        int[] classes = new int[labels.size()];
        for (int i = 0; i < classes.length; i++) {
            Integer c = index.get(labels.get(i));
            if (c == null) {
                throw problem(lines.get(i), "label \"" + labels.get(i) + "\"" + where
                        + " is not one of the class names " + names);
            }
            classes[i] = c;
        }
        return new Classes(classes, names);
    }

    /** The classes, when each label is a class index {@code 0 .. count - 1}; the names are "0", "1", .... */
    Classes indices(int count, String where) throws DatasetException {
        if (count < 1) {
            throw new IllegalArgumentException("classes must be at least 1, not " + count);
        }
        int[] classes = new int[labels.size()];
        for (int i = 0; i < classes.length; i++) {
            int c;
            try {
                c = Integer.parseInt(labels.get(i));
            } catch (NumberFormatException e) {
                c = -1;
            }
            if (c < 0 || c >= count) {
                throw problem(lines.get(i), "label \"" + labels.get(i) + "\"" + where + " is not a class index 0.."
                        + (count - 1));
            }
            classes[i] = c;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            names.add(Integer.toString(c));
        }
        return new Classes(classes, List.copyOf(names));
    }

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            index.put(names.get(c), c);
        }
        return index;
    }

    /** Each row's class, and the class names in index order. */
    record Classes(int[] classes, List<String> names) {}
}
