package io.dataseq.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathLabelListTest {
    @TempDir
    Path root;

    @Test
    void readsTheBundledMnistAsCsvLabelsDoes() throws Exception {
        CsvLabels csv = CsvLabels.read(Trees.MNIST, Trees.MNIST.resolve("labels.csv"), "image_name", "label");
        List<String> lines = new ArrayList<>();
        for (int record = 0; record < csv.size(); record++) {
            lines.add(csv.relativePath(record).replace('/', '\\') + " " + csv.classNames().get(csv.classOf(record)));
        }
        Path list = Files.write(root.resolve("mnist.txt"), lines);

        PathLabelList labels = PathLabelList.read(Trees.MNIST, list);

        assertEquals(Trees.MNIST_FILES, labels.size());
        assertEquals(csv.classNames(), labels.classNames());
        for (int record = 0; record < labels.size(); record++) {
            assertEquals(csv.relativePath(record), labels.relativePath(record), "Windows separators read as /");
            assertEquals(csv.file(record), labels.file(record));
            assertEquals(csv.classOf(record), labels.classOf(record));
            assertEquals(record + 1, labels.line(record));
        }
        assertEquals(list, labels.list());
        assertEquals(Trees.MNIST, labels.root());
    }

    @Test
    void theLabelIsTheLastWordAndThePathEverythingBeforeIt() throws Exception {
        Path list = Trees.text(root.resolve("list.txt"), """
                # a comment, then a blank line

                cats\\tabby 01.jpg cat
                  dogs/rex.jpg\t\tdog\s\s
                   # an indented comment
                ./#1.jpg cat
                plain.jpg dog
                """);

        PathLabelList labels = PathLabelList.read(root, list);

        assertEquals(List.of("cats/tabby 01.jpg", "dogs/rex.jpg", "#1.jpg", "plain.jpg"),
                List.of(labels.relativePath(0), labels.relativePath(1), labels.relativePath(2),
                        labels.relativePath(3)));
        assertEquals(List.of("cat", "dog"), labels.classNames());
        assertEquals(List.of(0, 1, 0, 1), List.of(labels.classOf(0), labels.classOf(1), labels.classOf(2),
                labels.classOf(3)));
        assertEquals(List.of(3L, 4L, 6L, 7L), List.of(labels.line(0), labels.line(1), labels.line(2), labels.line(3)),
                "lines count comments and blank lines");
    }

    @Test
    void readsCrlfCrAByteOrderMarkAndUtf16() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("a.jpg cat\r\n\r\nb.jpg dog\rc.jpg cat\r\n".getBytes(StandardCharsets.UTF_8));
        PathLabelList labels = PathLabelList.read(root, Files.write(root.resolve("excel.txt"), bytes.toByteArray()));
        assertEquals(List.of("a.jpg", "b.jpg", "c.jpg"),
                List.of(labels.relativePath(0), labels.relativePath(1), labels.relativePath(2)));
        assertEquals(List.of(1L, 3L, 4L), List.of(labels.line(0), labels.line(1), labels.line(2)));

        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        utf16.write("kätzchen.jpg Kätzchen\r\n".getBytes(StandardCharsets.UTF_16LE));
        PathLabelList unicode = PathLabelList.read(root, Files.write(root.resolve("u.txt"), utf16.toByteArray()));
        assertEquals(List.of("Kätzchen"), unicode.classNames());
        assertEquals("kätzchen.jpg", unicode.relativePath(0));
    }

    @Test
    void givenClassNamesOrClassIndicesNumberTheClasses() throws Exception {
        Path list = Trees.text(root.resolve("list.txt"), "a.jpg dog\nb.jpg bird\n");
        PathLabelList named = PathLabelList.read(root, list, List.of("dog", "cat", "bird"));
        assertEquals(List.of("dog", "cat", "bird"), named.classNames());
        assertEquals(2, named.classOf(1));
        assertProblem(assertThrows(DatasetException.class, () -> PathLabelList.read(root, list, List.of("dog"))),
                list, 2, "label \"bird\" is not one of the class names [dog]");

        Path indices = Trees.text(root.resolve("indices.txt"), "a.jpg 0\nb.jpg 2\nc.jpg x\n");
        assertProblem(assertThrows(DatasetException.class, () -> PathLabelList.readIndices(root, indices, 2)),
                indices, 2, "label \"2\" is not a class index 0..1");
        assertProblem(assertThrows(DatasetException.class, () -> PathLabelList.readIndices(root, indices, 3)),
                indices, 3, "label \"x\" is not a class index 0..2");
        PathLabelList ok = PathLabelList.readIndices(root, Trees.text(root.resolve("ok.txt"), "a.jpg 2\n"), 4);
        assertEquals(List.of("0", "1", "2", "3"), ok.classNames());
        assertEquals(2, ok.classOf(0));
    }

    @Test
    void aLineWithoutALabelIsRefusedNamingItsLine() throws Exception {
        Path list = Trees.text(root.resolve("list.txt"), "a.jpg cat\n\nb.jpg\n");

        assertProblem(assertThrows(DatasetException.class, () -> PathLabelList.read(root, list)), list, 3,
                "\"b.jpg\" has no label; write the file's path, a space and its label, e.g. 7/img_3.jpg 7");
    }

    @Test
    void pathsThatLeaveTheRootAreRefusedAsInACsv(@TempDir Path outside) throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Files.createSymbolicLink(data.resolve("escape"), outside);
        String[][] refused = {
            {"..\\secret.jpg", "file name \"../secret.jpg\" leads outside the root"},
            {"sub\\..\\..\\secret.jpg", "leads outside the root"},
            {"/etc/passwd", "is an absolute path"},
            {"C:\\data\\x.jpg", "is an absolute path"},
            {"\\\\server\\share\\x.jpg", "is an absolute path"},
            {"escape/x.jpg", "through a symbolic link: escape is really " + outside.toRealPath()},
            {".", "names the root"},
        };
        for (String[] name : refused) {
            Path list = Trees.text(root.resolve("list.txt"), "ok.jpg a\n" + name[0] + " a\n");
            assertProblem(assertThrows(DatasetException.class, () -> PathLabelList.read(data, list), name[0]), list,
                    2, name[1]);
        }
    }

    @Test
    void aFileListedTwiceIsRefusedNamingBothLines() throws Exception {
        Path list = Trees.text(root.resolve("list.txt"), "a\\x.jpg cat\nb.jpg dog\na/./x.jpg dog\n");

        assertProblem(assertThrows(DatasetException.class, () -> PathLabelList.read(root, list)), list, 3,
                "file \"a/x.jpg\" is named again (first on line 1); each file may be listed once");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        Path list = Files.write(root.resolve("latin1.txt"), "a.jpg x\nk\u00e4tzchen.jpg x\n".getBytes(
                StandardCharsets.ISO_8859_1));

        DatasetException e = assertThrows(DatasetException.class, () -> PathLabelList.read(root, list));
        assertProblem(e, list, 2, "not UTF-8 text");
        assertTrue(e.getMessage().endsWith("save it as UTF-8"), e.getMessage());
    }

    @Test
    void anEmptyListHasNoRecordsAndAMissingRootIsRefused() throws Exception {
        PathLabelList empty = PathLabelList.read(root, Trees.text(root.resolve("empty.txt"), "# nothing yet\n"));
        assertEquals(0, empty.size());
        assertEquals(List.of(), empty.classNames());

        Path list = Trees.text(root.resolve("list.txt"), "a.jpg x\n");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> PathLabelList.read(root.resolve("none"), list));
    }

    /** The exception names the list and the line, in its accessors and at the start of its message. */
    private static void assertProblem(DatasetException e, Path list, long line, String problem) {
        assertEquals(list, e.file(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(list + " line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage() + "\n  should contain: " + problem);
    }
}
