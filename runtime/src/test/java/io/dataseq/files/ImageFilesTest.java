package io.dataseq.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path root;

    @Test
    void listsMatchingFilesByRelativePathIgnoringCaseAndHiddenFiles() throws Exception {
        Trees.files(root, "b/2.jpg", "a/10.JPG", "a/9.png", "a/deep/z.jpg", "top.jpg", "a-b/x.jpeg", "notes.txt",
                "a/jpg", ".hidden.jpg", "a/._9.jpg", ".cache/c.jpg", "a/.thumbs/t.png");

        ImageFiles files = ImageFiles.under(root, "jpg", ".PNG");

        assertEquals(List.of("a/10.JPG", "a/9.png", "a/deep/z.jpg", "b/2.jpg", "top.jpg"), files.relativePaths());
        assertEquals(5, files.size());
        assertEquals(root.resolve("a/deep/z.jpg"), files.file(2));
        assertEquals("a/deep/z.jpg", Files.readString(files.file(2)), "the path leads to the file");
        assertEquals(root, files.root());
    }

    @Test
    void withoutExtensionsListsTheDefaultImageTypes() throws Exception {
        Trees.files(root, "a.jpg", "b.jpeg", "c.png", "d.bmp", "e.gif", "f.txt");

        assertEquals(List.of("a.jpg", "b.jpeg", "c.png", "d.bmp"), ImageFiles.under(root).relativePaths());
        assertEquals(List.of("jpg", "jpeg", "png", "bmp"), ImageFiles.DEFAULT_EXTENSIONS);
    }

    @Test
    void theOrderDoesNotDependOnTheOrderFilesWereCreatedIn(@TempDir Path other) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            names.add((i % 7) + "/img_" + i + ".jpg");
        }
        Trees.files(root, names.toArray(String[]::new));
        Collections.reverse(names);
        Trees.files(other, names.toArray(String[]::new));

        List<String> listed = ImageFiles.under(root, "jpg").relativePaths();
        assertEquals(listed, ImageFiles.under(other, "jpg").relativePaths());
        List<String> sorted = new ArrayList<>(listed);
        Collections.sort(sorted);
        assertEquals(sorted, listed, "sorted as text");
    }

    @Test
    void followsSymbolicLinksToFoldersAndFilesUnderTheRoot() throws Exception {
        Trees.files(root, "store/x.jpg", "store/sub/y.jpg");
        Trees.files(root, "a.jpg");
        Files.createSymbolicLink(root.resolve("linked"), root.resolve("store"));
        Files.createSymbolicLink(root.resolve("b.jpg"), root.resolve("store/x.jpg"));

        assertEquals(List.of("a.jpg", "b.jpg", "linked/sub/y.jpg", "linked/x.jpg", "store/sub/y.jpg", "store/x.jpg"),
                ImageFiles.under(root, "jpg").relativePaths());
    }

    @Test
    void aLinkOutOfTheRootIsAnErrorNamingIt(@TempDir Path elsewhere) throws Exception {
        Trees.files(elsewhere, "x.jpg");
        Trees.files(root, "a.jpg");
        Files.createSymbolicLink(root.resolve("b.jpg"), elsewhere.resolve("x.jpg"));

        DatasetException e = assertThrows(DatasetException.class, () -> ImageFiles.under(root, "jpg"));
        assertEquals(root.resolve("b.jpg"), e.file());
        assertTrue(e.getMessage().contains("leads outside the root " + root + ": it is really "
                + elsewhere.resolve("x.jpg").toRealPath()), e.getMessage());
        assertEquals(0, ImageFiles.under(root, "png").size(), "a link whose name does not match is not listed");
    }

    @Test
    void aLinkBackIntoItsOwnFolderIsAnErrorNotALoop() throws Exception {
        Trees.files(root, "a/x.jpg");
        Files.createSymbolicLink(root.resolve("a/again"), root.resolve("a"));

        DatasetException e = assertThrows(DatasetException.class, () -> ImageFiles.under(root, "jpg"));
        assertTrue(e.getMessage().contains("a/again") && e.getMessage().contains("leads back"), e.getMessage());
    }

    @Test
    void aMissingRootOrAFileOrABadExtensionIsRefused() throws Exception {
        assertThrows(NoSuchFileException.class, () -> ImageFiles.under(root.resolve("missing")));
        Trees.files(root, "a.jpg");
        assertThrows(NotDirectoryException.class, () -> ImageFiles.under(root.resolve("a.jpg")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFiles.under(root, "jpg", ""));
        assertTrue(e.getMessage().contains("not a file extension"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.under(root, "a/b"));
    }

    @Test
    void anEmptyFolderListsNothing() throws Exception {
        assertEquals(0, ImageFiles.under(root).size());
    }

    @Test
    void theListsCannotBeChanged() throws Exception {
        Trees.files(root, "a.jpg");
        ImageFiles files = ImageFiles.under(root);
        assertThrows(UnsupportedOperationException.class, () -> files.files().clear());
        assertThrows(UnsupportedOperationException.class, () -> files.relativePaths().clear());
    }

    @Test
    void listsTheBundledMnistJpegsClassFolderByClassFolder() throws Exception {
        ImageFiles files = ImageFiles.under(Trees.MNIST, "jpg");

        assertEquals(Trees.MNIST_FILES, files.size());
        for (int i = 0; i < files.size(); i++) {
            String relative = files.relativePath(i);
            assertTrue(relative.matches("[0-9]/img_[0-9]+\\.jpg"), relative);
            if (i > 0) {
                assertTrue(files.relativePath(i - 1).compareTo(relative) < 0, "order at " + i);
            }
        }
        assertTrue(Files.isRegularFile(files.file(0)));
        assertEquals(files.relativePaths(), ImageFiles.under(Trees.MNIST, "JPG").relativePaths(), "stable");
    }
}
