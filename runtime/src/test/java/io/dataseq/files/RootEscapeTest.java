package io.dataseq.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No list reads a file outside its root (issue 11), checked with real symbolic links: when the list is made, and
 * again when a file is opened, with no gap between that check and the open.
 */
class RootEscapeTest {
    @TempDir
    Path work;
    @TempDir
    Path outside;

    @Test
    void aDanglingLinkIsRefusedWhenTheListIsReadWhereverItPoints() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Files.createSymbolicLink(data.resolve("out.jpg"), outside.resolve("later.jpg"));
        Files.createSymbolicLink(data.resolve("in.jpg"), data.resolve("not-yet.jpg"));
        Files.createDirectories(data.resolve("sub"));
        Files.createSymbolicLink(data.resolve("sub/folder"), outside.resolve("later"));

        for (String name : List.of("out.jpg", "in.jpg", "sub/folder/a.jpg")) {
            Path csv = Trees.text(work.resolve("labels.csv"), "f,l\nok.jpg,a\n" + name + ",a\n");
            DatasetException e = assertThrows(DatasetException.class, () -> CsvLabels.read(data, csv, "f", "l"));
            assertEquals(3, e.line(), e.getMessage());
            assertTrue(e.getMessage().contains("dangling symbolic link"), e.getMessage());

            Path list = Trees.text(work.resolve("list.txt"), "ok.jpg a\n" + name + " a\n");
            e = assertThrows(DatasetException.class, () -> PathLabelList.read(data, list));
            assertEquals(2, e.line(), e.getMessage());
            assertTrue(e.getMessage().contains("dangling symbolic link"), e.getMessage());
        }
    }

    @Test
    void aFolderThatBecomesALinkOutAfterTheListWasReadIsNotRead() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Trees.files(outside, "secret.jpg");
        Path csv = Trees.text(work.resolve("labels.csv"), "f,l\nlater/secret.jpg,a\n");
        CsvLabels labels = CsvLabels.read(data, csv, "f", "l"); // "later" does not exist yet: accepted

        Files.createSymbolicLink(data.resolve("later"), outside);

        DatasetException e = assertThrows(DatasetException.class, () -> labels.bytes(0));
        assertTrue(e.getMessage().startsWith(labels.file(0) + " leads outside the root"), e.getMessage());
        assertTrue(e.getMessage().contains("it is really " + outside.resolve("secret.jpg").toRealPath()),
                e.getMessage());
        assertThrows(DatasetException.class, () -> labels.open(0).close());
        assertTrue(labels.check().badFiles().get(0).problem().startsWith("leads outside the root"));
    }

    @Test
    void aDanglingLinkPutInAfterTheListWasReadIsRefusedAndStillOnceItsTargetExists() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        PathLabelList labels = PathLabelList.read(data, Trees.text(work.resolve("list.txt"), "x.jpg a\n"));
        assertThrows(NoSuchFileException.class, () -> labels.bytes(0), "missing: as any missing file");

        Files.createSymbolicLink(data.resolve("x.jpg"), outside.resolve("x.jpg"));
        DatasetException dangling = assertThrows(DatasetException.class, () -> labels.bytes(0));
        assertTrue(dangling.getMessage().contains("is a dangling symbolic link to " + outside.resolve("x.jpg")),
                dangling.getMessage());

        Trees.files(outside, "x.jpg");
        DatasetException out = assertThrows(DatasetException.class, () -> labels.bytes(0));
        assertTrue(out.getMessage().contains("leads outside the root"), out.getMessage());
    }

    @Test
    void aLinkPutOnTheWayAfterTheCheckIsNotFollowedByTheOpen() throws Exception {
        // The race, stopped between toRealPath() and the open: the open walks the real path without following links.
        Path data = Files.createDirectories(work.resolve("data"));
        Trees.files(data, "real/a.jpg");
        Files.createSymbolicLink(data.resolve("alias"), data.resolve("real"));
        Files.createSymbolicLink(data.resolve("link.jpg"), data.resolve("real/a.jpg"));
        FileRoot root = FileRoot.of(data);
        Path real = data.toRealPath();

        try (SeekableByteChannel channel = root.openWithoutLinks(data.resolve("a.jpg"), real.resolve("real/a.jpg"))) {
            assertEquals("real/a.jpg".length(), channel.size());
        }
        FileRoot.Refused folder = assertThrows(FileRoot.Refused.class,
                () -> root.openWithoutLinks(data.resolve("a.jpg"), real.resolve("alias/a.jpg")));
        assertTrue(folder.problem().startsWith("changed while it was opened: alias is no longer a plain folder"),
                folder.problem());
        FileRoot.Refused file = assertThrows(FileRoot.Refused.class,
                () -> root.openWithoutLinks(data.resolve("link.jpg"), real.resolve("link.jpg")));
        assertTrue(file.problem().startsWith("changed while it was opened"), file.problem());
    }

    @Test
    void linksThatStayInsideTheRootAreRead() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Trees.files(data, "real/a.jpg");
        Files.createSymbolicLink(data.resolve("alias"), data.resolve("real"));
        Files.createSymbolicLink(data.resolve("b.jpg"), Path.of("real", "a.jpg")); // a relative link
        CsvLabels labels = CsvLabels.read(data, Trees.text(work.resolve("l.csv"), "f,l\nalias/a.jpg,x\nb.jpg,x\n"),
                "f", "l");

        assertArrayEquals("real/a.jpg".getBytes(StandardCharsets.UTF_8), labels.bytes(0));
        assertArrayEquals("real/a.jpg".getBytes(StandardCharsets.UTF_8), labels.bytes(1));
    }

    @Test
    void aNamedPipeOrAFolderIsNotOpened() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Files.createDirectories(data.resolve("folder.jpg"));
        Process mkfifo = new ProcessBuilder("mkfifo", data.resolve("pipe.jpg").toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        PathLabelList labels = PathLabelList.read(data,
                Trees.text(work.resolve("l.txt"), "pipe.jpg a\nfolder.jpg a\n"));

        DatasetException pipe = assertThrows(DatasetException.class, () -> labels.bytes(0));
        assertTrue(pipe.getMessage().contains("is not a regular file"), pipe.getMessage());
        DatasetException folder = assertThrows(DatasetException.class, () -> labels.bytes(1));
        assertTrue(folder.getMessage().endsWith("is a folder, not a file"), folder.getMessage());
    }

    @Test
    void classFoldersAndImageFilesRefuseALinkOutOfTheRootOrADanglingOne() throws Exception {
        Trees.files(outside, "cats/1.jpg", "x.jpg");
        Path data = Files.createDirectories(work.resolve("data"));
        Trees.files(data, "dogs/1.jpg");
        Files.createSymbolicLink(data.resolve("cats"), outside.resolve("cats"));

        DatasetException folder = assertThrows(DatasetException.class, () -> ClassFolders.under(data, "jpg"));
        assertTrue(folder.getMessage().startsWith("the symbolic link " + data.resolve("cats") + " leads outside the"
                + " root"), folder.getMessage());
        assertEquals(data.resolve("cats"), folder.file());
        assertThrows(DatasetException.class, () -> ImageFiles.under(data, "jpg"));

        Files.delete(data.resolve("cats"));
        Files.createSymbolicLink(data.resolve("dogs/2.jpg"), outside.resolve("x.jpg"));
        assertThrows(DatasetException.class, () -> ClassFolders.under(data, "jpg"));

        Files.delete(data.resolve("dogs/2.jpg"));
        Files.createSymbolicLink(data.resolve("dogs/2.jpg"), data.resolve("dogs/missing.jpg"));
        DatasetException dangling = assertThrows(DatasetException.class, () -> ImageFiles.under(data, "jpg"));
        assertTrue(dangling.getMessage().contains("is dangling"), dangling.getMessage());

        Files.delete(data.resolve("dogs/2.jpg"));
        Files.createSymbolicLink(data.resolve("dogs/2.jpg"), data.resolve("dogs/1.jpg"));
        ClassFolders dogs = ClassFolders.under(data, "jpg");
        assertEquals(List.of("dogs/1.jpg", "dogs/2.jpg"), List.of(dogs.relativePath(0), dogs.relativePath(1)));
        assertArrayEquals(dogs.bytes(0), dogs.bytes(1), "a link inside the root is followed");
    }

    @Test
    void aClassFolderThatBecomesALinkOutAfterListingIsNotRead() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Trees.files(data, "dogs/1.jpg");
        Trees.files(outside, "1.jpg");
        ClassFolders folders = ClassFolders.under(data, "jpg");

        Files.delete(data.resolve("dogs/1.jpg"));
        Files.delete(data.resolve("dogs"));
        Files.createSymbolicLink(data.resolve("dogs"), outside);

        assertThrows(DatasetException.class, () -> folders.bytes(0));
    }
}
