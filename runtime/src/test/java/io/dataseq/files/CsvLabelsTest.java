package io.dataseq.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLabelsTest {
    @TempDir
    Path root;

    @Test
    void readsTheBundledMnistLabels() throws Exception {
        Path csv = Trees.MNIST.resolve("labels.csv");
        CsvLabels labels = CsvLabels.read(Trees.MNIST, csv, "image_name", "label");

        assertEquals(Trees.MNIST_FILES, labels.size());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), labels.classNames());
        assertEquals("2/img_0.jpg", labels.relativePath(0), "the CSV's order");
        assertEquals(2, labels.classOf(0));
        assertEquals(2, labels.line(0), "line 1 is the header");
        assertEquals(Trees.MNIST_FILES + 1, labels.line(Trees.MNIST_FILES - 1));
        for (int record = 0; record < labels.size(); record++) {
            assertTrue(Files.isRegularFile(labels.file(record)), labels.file(record).toString());
        }

        CsvLabels indices = CsvLabels.readIndices(Trees.MNIST, csv, "image_name", "label", 10);
        for (int record = 0; record < labels.size(); record++) {
            assertEquals(labels.classOf(record), indices.classOf(record));
        }
        assertEquals(labels.classNames(), indices.classNames());
    }

    @Test
    void quotedNamesMayHoldCommasQuotesAndLineBreaks() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), """
                file,label
                "cats, tabby/01.jpg",cat
                "say ""hi"".jpg","big dog"
                "two
                lines.jpg",cat
                plain.jpg,cat
                """);

        CsvLabels labels = CsvLabels.read(root, csv, "file", "label");

        assertEquals(List.of("big dog", "cat"), labels.classNames());
        assertEquals("cats, tabby/01.jpg", labels.relativePath(0));
        assertEquals(root.resolve("cats, tabby/01.jpg"), labels.file(0));
        assertEquals("say \"hi\".jpg", labels.relativePath(1));
        assertEquals(0, labels.classOf(1));
        assertEquals("two\nlines.jpg", labels.relativePath(2));
        assertEquals(4, labels.line(2), "a row starts on its first line");
        assertEquals(6, labels.line(3), "and the next row after its last");
    }

    @Test
    void readsCrlfABomAndBlankLines() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("name,label\r\n\r\na.jpg,cat\r\n\r\nb.jpg,dog\r\n".getBytes(StandardCharsets.UTF_8));
        Path csv = Files.write(root.resolve("excel.csv"), bytes.toByteArray());

        CsvLabels labels = CsvLabels.read(root, csv, "name", "label");

        assertEquals(2, labels.size());
        assertEquals("a.jpg", labels.relativePath(0));
        assertEquals(3, labels.line(0));
        assertEquals("b.jpg", labels.relativePath(1));
        assertEquals(5, labels.line(1));
        assertEquals(List.of("cat", "dog"), labels.classNames());
    }

    @Test
    void readsUtf16WithItsByteOrderMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        bytes.write("name,label\r\nkatze.jpg,Kätzchen\r\n".getBytes(StandardCharsets.UTF_16LE));
        Path csv = Files.write(root.resolve("unicode.csv"), bytes.toByteArray());

        CsvLabels labels = CsvLabels.read(root, csv, "name", "label");
        assertEquals(List.of("Kätzchen"), labels.classNames());
        assertEquals("katze.jpg", labels.relativePath(0));
    }

    @Test
    void columnsAreFoundByHeaderNameAndSpacesAroundValuesDropped() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), """
                id, label , path ,notes
                7, dog , a/x.jpg ,"kept, ignored"
                """);

        CsvLabels labels = CsvLabels.read(root, csv, "path", "label");
        assertEquals("a/x.jpg", labels.relativePath(0));
        assertEquals(List.of("dog"), labels.classNames());
    }

    @Test
    void wholeNumberLabelsAreOrderedByValue() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\na.jpg,10\nb.jpg,2\nc.jpg,1\n");

        CsvLabels labels = CsvLabels.read(root, csv, "f", "l");
        assertEquals(List.of("1", "2", "10"), labels.classNames());
        assertEquals(2, labels.classOf(0));
    }

    @Test
    void givenClassNamesFixTheNumbering() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\na.jpg,dog\nb.jpg,bird\n");

        CsvLabels labels = CsvLabels.read(root, csv, "f", "l", List.of("dog", "cat", "bird"));
        assertEquals(List.of("dog", "cat", "bird"), labels.classNames());
        assertEquals(0, labels.classOf(0));
        assertEquals(2, labels.classOf(1));

        DatasetException e = assertThrows(DatasetException.class,
                () -> CsvLabels.read(root, csv, "f", "l", List.of("dog", "cat")));
        assertProblem(e, csv, 3, "label \"bird\" in column \"l\" is not one of the class names [dog, cat]");
    }

    @Test
    void classIndicesMustBeWholeNumbersInRange() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\na.jpg,0\nb.jpg,2\nc.jpg,x\n");

        CsvLabels labels = CsvLabels.readIndices(root, Trees.text(root.resolve("ok.csv"), "f,l\na.jpg,2\n"), "f",
                "l", 4);
        assertEquals(List.of("0", "1", "2", "3"), labels.classNames());
        assertEquals(2, labels.classOf(0));

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.readIndices(root, csv, "f", "l", 2)),
                csv, 3, "label \"2\" in column \"l\" is not a class index 0..1");
        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.readIndices(root, csv, "f", "l", 3)),
                csv, 4, "label \"x\"");
    }

    @Test
    void nameWithDotDotThatLeavesTheRootIsRefusedNamingItsLine() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Trees.files(root, "secret.jpg");
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\nok.jpg,a\n../secret.jpg,a\n");

        DatasetException e = assertThrows(DatasetException.class, () -> CsvLabels.read(data, csv, "f", "l"));
        assertProblem(e, csv, 3, "file name \"../secret.jpg\" leads outside the root");

        Path sneaky = Trees.text(root.resolve("sneaky.csv"), "f,l\nsub/../../secret.jpg,a\n");
        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(data, sneaky, "f", "l")), sneaky, 2,
                "leads outside the root");
    }

    @Test
    void dotDotThatStaysInsideTheRootIsNormalized() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\nsub/../b.jpg,a\n./c.jpg,a\n");

        CsvLabels labels = CsvLabels.read(root, csv, "f", "l");
        assertEquals("b.jpg", labels.relativePath(0));
        assertEquals("c.jpg", labels.relativePath(1));
    }

    @Test
    void anAbsolutePathIsRefusedNamingItsLine() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\na.jpg,x\nb.jpg,x\n/etc/passwd,x\n");

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, csv, "f", "l")), csv, 4,
                "file name \"/etc/passwd\" is an absolute path");
    }

    @Test
    void theRootItselfIsNotAFile() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\n.,x\n");

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, csv, "f", "l")), csv, 2,
                "names the root");
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefusedWhetherTheFileExistsOrNot(@TempDir Path outside) throws Exception {
        Trees.files(outside, "secret.jpg");
        Path data = Files.createDirectories(root.resolve("data"));
        Files.createSymbolicLink(data.resolve("escape"), outside);
        Files.createSymbolicLink(data.resolve("evil.jpg"), outside.resolve("secret.jpg"));
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\nescape/secret.jpg,a\n");
        Path missing = Trees.text(root.resolve("missing.csv"), "f,l\nescape/not-yet.jpg,a\n");
        Path linkedFile = Trees.text(root.resolve("file.csv"), "f,l\nok.jpg,a\nevil.jpg,a\n");

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(data, csv, "f", "l")), csv, 2,
                "leads outside the root " + data.toAbsolutePath() + " through a symbolic link: escape/secret.jpg is"
                        + " really " + outside.resolve("secret.jpg").toRealPath());
        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(data, missing, "f", "l")), missing,
                2, "through a symbolic link: escape is really");
        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(data, linkedFile, "f", "l")),
                linkedFile, 3, "file name \"evil.jpg\" leads outside the root");
    }

    @Test
    void aSymbolicLinkThatStaysInsideTheRootIsFine() throws Exception {
        Trees.files(root, "real/a.jpg");
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\nalias/a.jpg,x\n");

        CsvLabels labels = CsvLabels.read(root, csv, "f", "l");
        assertEquals(root.resolve("alias/a.jpg"), labels.file(0), "the name as given, not the link's target");
    }

    @Test
    void aRowWithTooFewOrTooManyValuesIsRefusedNamingItsLine() throws Exception {
        Path few = Trees.text(root.resolve("few.csv"), "f,l\na.jpg,x\nb.jpg\n");
        Path many = Trees.text(root.resolve("many.csv"), "f,l\na,b.jpg,x\n");

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, few, "f", "l")), few, 3,
                "1 values for the 2 columns of the header [f, l]");
        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, many, "f", "l")), many, 2,
                "3 values for the 2 columns");
    }

    @Test
    void anEmptyFileNameOrLabelIsRefusedNamingItsLine() throws Exception {
        Path noName = Trees.text(root.resolve("a.csv"), "f,l\n,x\n");
        Path noLabel = Trees.text(root.resolve("b.csv"), "f,l\na.jpg,x\nb.jpg,\"\"\n");

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, noName, "f", "l")), noName, 2,
                "no file name in column \"f\"");
        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, noLabel, "f", "l")), noLabel,
                3, "no label in column \"l\"");
    }

    @Test
    void aMissingColumnIsRefusedListingTheHeader() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "image,class\na.jpg,x\n");

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, csv, "image_name", "class")),
                csv, 1, "no column \"image_name\" in the header; its columns are [image, class]");
    }

    @Test
    void aFileNamedTwiceIsRefusedNamingBothLines() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\na/x.jpg,cat\nb.jpg,dog\na/./x.jpg,dog\n");

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, csv, "f", "l")), csv, 4,
                "file \"a/x.jpg\" is named again (first on line 2)");
    }

    @Test
    void anUnclosedQuoteIsRefused() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\na.jpg,x\n\"b.jpg,x\nc.jpg,y\n");

        DatasetException e = assertThrows(DatasetException.class, () -> CsvLabels.read(root, csv, "f", "l"));
        assertTrue(e.getMessage().startsWith(csv + ": not valid CSV after line 2"), e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        Path csv = Files.write(root.resolve("latin1.csv"), "f,l\nk\u00e4tzchen.jpg,x\n".getBytes(
                StandardCharsets.ISO_8859_1));

        DatasetException e = assertThrows(DatasetException.class, () -> CsvLabels.read(root, csv, "f", "l"));
        assertProblem(e, csv, 2, "not UTF-8 text");
        assertTrue(e.getMessage().endsWith("save it as UTF-8"), e.getMessage());
    }

    @Test
    void anEmptyCsvIsRefused() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "");

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, csv, "f", "l")), csv, 1,
                "the CSV is empty; it needs a header row naming its columns, e.g. f,l");
    }

    @Test
    void aColumnNamedTwiceInTheHeaderIsRefused() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l,l\na.jpg,x,y\n");

        assertProblem(assertThrows(DatasetException.class, () -> CsvLabels.read(root, csv, "f", "l")), csv, 1,
                "the header names column \"l\" twice");

        Path otherTwice = Trees.text(root.resolve("other.csv"), "f,l,note,note\na.jpg,x,1,2\n");
        assertEquals(1, CsvLabels.read(root, otherTwice, "f", "l").size(), "only the columns read must be unique");
    }

    @Test
    void unnamedColumnsAsSpreadsheetsWriteThemAreIgnored() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l,,\na.jpg,x,,\nb.jpg,y,1,\n");

        CsvLabels labels = CsvLabels.read(root, csv, "f", "l");
        assertEquals(2, labels.size());
        assertEquals(List.of("x", "y"), labels.classNames());
    }

    @Test
    void aHeaderOnlyCsvHasNoRecords() throws Exception {
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\n");

        CsvLabels labels = CsvLabels.read(root, csv, "f", "l");
        assertEquals(0, labels.size());
        assertEquals(List.of(), labels.classNames());
    }

    /** The exception names the CSV and the line, in its accessors and at the start of its message. */
    private static void assertProblem(DatasetException e, Path csv, long line, String problem) {
        assertEquals(csv, e.file(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(csv + " line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage() + "\n  should contain: " + problem);
    }
}
