package io.dataseq.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFoldersTest {
    @TempDir
    Path root;

    @Test
    void theBundledMnistFoldersAreTenClassesNamedByTheirDigit() throws Exception {
        ClassFolders digits = ClassFolders.under(Trees.MNIST, "jpg");

        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), digits.classNames());
        assertEquals(Trees.MNIST_FILES, digits.size());
        for (int record = 0; record < digits.size(); record++) {
            String folder = digits.relativePath(record).substring(0, 1);
            assertEquals(Integer.parseInt(folder), digits.classOf(record), digits.relativePath(record));
            assertEquals(Trees.MNIST.resolve(digits.relativePath(record)), digits.file(record));
        }
        assertEquals(Trees.MNIST_FILES, java.util.Arrays.stream(digits.classCounts()).sum());
    }

    @Test
    void theFoldersAgreeWithTheBundledLabelsCsv() throws Exception {
        ClassFolders folders = ClassFolders.under(Trees.MNIST, "jpg");
        CsvLabels csv = CsvLabels.read(Trees.MNIST, Trees.MNIST.resolve("labels.csv"), "image_name", "label");
        assertEquals(folders.classNames(), csv.classNames());

        Map<String, Integer> byFolder = new HashMap<>();
        for (int record = 0; record < folders.size(); record++) {
            byFolder.put(folders.relativePath(record), folders.classOf(record));
        }
        assertEquals(folders.size(), csv.size());
        for (int record = 0; record < csv.size(); record++) {
            assertEquals(byFolder.get(csv.relativePath(record)), csv.classOf(record), csv.relativePath(record));
        }
    }

    @Test
    void addingAFileNeverRenumbersAClass() throws Exception {
        Trees.files(root, "dog/1.jpg", "cat/1.jpg", "bird/1.jpg", "cat/2.jpg");
        ClassFolders before = ClassFolders.under(root, "jpg");
        assertEquals(List.of("bird", "cat", "dog"), before.classNames());

        Trees.files(root, "dog/0.jpg", "bird/zz/deeper.jpg", "cat/0.jpg");
        ClassFolders after = ClassFolders.under(root, "jpg");

        assertEquals(before.classNames(), after.classNames());
        Map<String, Integer> classAfter = new HashMap<>();
        for (int record = 0; record < after.size(); record++) {
            classAfter.put(after.relativePath(record), after.classOf(record));
        }
        for (int record = 0; record < before.size(); record++) {
            assertEquals(before.classOf(record), classAfter.get(before.relativePath(record)),
                    before.relativePath(record));
        }
        assertEquals(0, classAfter.get("bird/zz/deeper.jpg"), "a subfolder belongs to its top class folder");
    }

    @Test
    void recordsGoClassByClassThenByPath() throws Exception {
        Trees.files(root, "b/2.jpg", "a/9.jpg", "b/1.jpg", "a/10.jpg");
        ClassFolders folders = ClassFolders.under(root, "jpg");

        assertEquals("a/10.jpg", folders.relativePath(0));
        assertEquals("a/9.jpg", folders.relativePath(1));
        assertEquals("b/1.jpg", folders.relativePath(2));
        assertEquals("b/2.jpg", folders.relativePath(3));
        assertArrayEquals(new int[] {2, 2}, folders.classCounts());
    }

    @Test
    void wholeNumberNamesAreOrderedByValueBeforeOtherNames() throws Exception {
        Trees.files(root, "10/a.jpg", "2/a.jpg", "1/a.jpg", "b/a.jpg", "B/a.jpg", "010/a.jpg");

        assertEquals(List.of("1", "2", "010", "10", "B", "b"), ClassFolders.under(root).classNames());
    }

    @Test
    void hiddenFoldersAndFilesDirectlyInTheRootAreNotClasses() throws Exception {
        Trees.files(root, "cat/1.jpg", "dog/1.jpg", "preview.jpg", ".cache/x.jpg", "README.md");

        ClassFolders folders = ClassFolders.under(root, "jpg");
        assertEquals(List.of("cat", "dog"), folders.classNames());
        assertEquals(2, folders.size());
    }

    @Test
    void aClassFolderWithoutImagesIsAnErrorNamingIt() throws Exception {
        Trees.files(root, "cat/1.jpg", "annotations/boxes.json");

        DatasetException e = assertThrows(DatasetException.class, () -> ClassFolders.under(root, "jpg"));
        assertTrue(e.getMessage().contains("annotations") && e.getMessage().contains("holds no file ending in .jpg"),
                e.getMessage());
        assertEquals(root.resolve("annotations"), e.file());
    }

    @Test
    void aRootWithoutClassFoldersIsAnError() throws Exception {
        Trees.files(root, "a.jpg");

        DatasetException e = assertThrows(DatasetException.class, () -> ClassFolders.under(root));
        assertTrue(e.getMessage().contains("no class folder"), e.getMessage());
    }

    @Test
    void givenClassNamesFixTheNumberingEvenWhenAClassIsMissing() throws Exception {
        Trees.files(root, "dog/1.jpg", "bird/1.jpg");

        ClassFolders folders = ClassFolders.under(root, List.of("dog", "cat", "bird"), "jpg");

        assertEquals(List.of("dog", "cat", "bird"), folders.classNames());
        assertEquals("dog/1.jpg", folders.relativePath(0));
        assertEquals(0, folders.classOf(0));
        assertEquals(2, folders.classOf(1));
        assertArrayEquals(new int[] {1, 0, 1}, folders.classCounts());
    }

    @Test
    void givenClassNamesRefuseAFolderThatIsNotOneOfThem() throws Exception {
        Trees.files(root, "dog/1.jpg", "Cat/1.jpg");

        DatasetException e = assertThrows(DatasetException.class,
                () -> ClassFolders.under(root, List.of("dog", "cat"), "jpg"));
        assertTrue(e.getMessage().contains("Cat") && e.getMessage().contains("not one of the class names"),
                e.getMessage());
    }

    @Test
    void givenClassNamesMustBeDistinctFolderNames() throws Exception {
        Files.createDirectories(root);
        assertThrows(IllegalArgumentException.class, () -> ClassFolders.under(root, List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> ClassFolders.under(root, List.of("../elsewhere")));
        assertThrows(IllegalArgumentException.class, () -> ClassFolders.under(root, List.of()));
    }

    @Test
    void theClassNamesCannotBeChanged() throws Exception {
        Trees.files(root, "a/1.jpg");
        assertThrows(UnsupportedOperationException.class,
                () -> ClassFolders.under(root).classNames().add("b"));
    }
}
