package io.dataseq.files;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.files.FileCheck.BadFile;
import io.dataseq.progress.ProgressListener;
import io.dataseq.testing.SeededCases;
import io.dataseq.timing.StageTimings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list's {@code check()} finds, before training, every file that its batch would fail on, says why, and leaves the
 * files as they were; strict it throws naming each, lenient it gives the list without them (issue 14).
 */
class FileCheckTest {
    /** Relative to the runtime module, where Maven runs the tests. */
    private static final Path GUIDE = Path.of("..", "docs", "user-guide.md");
    private static final Path THIS_TEST = Path.of("src", "test", "java", "io", "dataseq", "files",
            "FileCheckTest.java");

    @TempDir
    Path root;

    @Test
    void theBundledDigitsAllPass() {
        ClassFolders folders = assertDoesNotThrow(() -> ClassFolders.under(Trees.MNIST, "jpg"));
        FileCheck<ClassFolders> check = folders.check();

        assertEquals(Trees.MNIST_FILES, check.checked());
        assertEquals(List.of(), check.badFiles());
        assertSame(folders, assertDoesNotThrow(check::throwIfBad));
        assertSame(folders, check.withoutBadFiles());
    }

    @Test
    void everyKindOfBadFileIsFoundWithWhy(@TempDir Path outside) throws Exception {
        byte[] jpeg = digit(0);
        Files.createDirectories(root.resolve("a"));
        Files.write(root.resolve("a/good.jpg"), jpeg);
        Files.write(root.resolve("a/empty.jpg"), new byte[0]);
        Files.write(root.resolve("a/cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(root.resolve("a/text.jpg"), "hello, not an image");
        Files.createDirectories(root.resolve("a/folder.jpg"));
        assertEquals(0, new ProcessBuilder("mkfifo", root.resolve("a/pipe.jpg").toString()).start().waitFor());
        Path list = Trees.text(root.resolve("list.txt"), """
                a/good.jpg cat
                a/missing.jpg cat
                a/empty.jpg dog
                # the ones below fail too
                a/cut.jpg dog
                a/text.jpg dog
                a/folder.jpg dog
                a/pipe.jpg dog
                b/out.jpg dog
                a/later.jpg dog
                """);
        PathLabelList labels = PathLabelList.read(root, list);
        Files.write(outside.resolve("x.jpg"), jpeg);
        Files.createSymbolicLink(root.resolve("b"), outside); // after the list was read
        Files.createSymbolicLink(root.resolve("a/later.jpg"), root.resolve("a/never.jpg"));

        FileCheck<PathLabelList> check = labels.check();

        Map<Long, String> problems = new TreeMap<>();
        for (BadFile bad : check.badFiles()) {
            assertEquals(labels.file(bad.record()), bad.file());
            assertEquals(labels.line(bad.record()), bad.line());
            problems.put(bad.line(), bad.problem());
        }
        assertEquals(List.of(2L, 3L, 5L, 6L, 7L, 8L, 9L, 10L), List.copyOf(problems.keySet()), problems.toString());
        assertEquals("does not exist", problems.get(2L));
        assertEquals("is empty (0 bytes)", problems.get(3L));
        assertTrue(problems.get(5L).startsWith("is a truncated JPEG"), problems.get(5L));
        assertTrue(problems.get(6L).startsWith("is not an image in a format DataSeq decodes"), problems.get(6L));
        assertEquals("is a folder, not a file", problems.get(7L));
        assertTrue(problems.get(8L).startsWith("is not a regular file (a named pipe"), problems.get(8L));
        assertTrue(problems.get(9L).startsWith("leads outside the root"), problems.get(9L));
        assertTrue(problems.get(10L).startsWith("is a dangling symbolic link to " + root.resolve("a/never.jpg")),
                problems.get(10L));

        DatasetException e = assertThrows(DatasetException.class, check::throwIfBad);
        assertEquals(list, e.file());
        assertTrue(e.getMessage().startsWith(list + ": 8 of 9 files cannot be used:\n  line 2: "
                + root.resolve("a/missing.jpg") + " does not exist\n  line 3: " + root.resolve("a/empty.jpg")
                + " is empty (0 bytes)\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\nFix or remove them, or go on without them: check().withoutBadFiles()"),
                e.getMessage());
        for (BadFile bad : check.badFiles()) {
            assertTrue(e.getMessage().contains("\n  " + bad + "\n"), "the message lists " + bad);
        }
    }

    @Test
    void withoutBadFilesKeepsTheKindTheClassNumbersAndTheLines() throws Exception {
        Files.createDirectories(root.resolve("d"));
        Files.write(root.resolve("d/0.jpg"), digit(0));
        Files.write(root.resolve("d/2.jpg"), digit(2));
        Path csv = Trees.text(root.resolve("labels.csv"), "f,l\nd/0.jpg,zero\nd/1.jpg,one\nd/2.jpg,two\n");
        CsvLabels labels = CsvLabels.read(root, csv, "f", "l", List.of("zero", "one", "two"));

        CsvLabels good = labels.check().withoutBadFiles();

        assertEquals(2, good.size());
        assertEquals(List.of("zero", "one", "two"), good.classNames(), "a class left without files keeps its number");
        assertEquals(List.of("d/0.jpg", "d/2.jpg"), List.of(good.relativePath(0), good.relativePath(1)));
        assertEquals(List.of(0, 2), List.of(good.classOf(0), good.classOf(1)));
        assertEquals(List.of(2L, 4L), List.of(good.line(0), good.line(1)));
        assertEquals(csv, good.csv());
        assertEquals(List.of(), good.check().badFiles());
        assertEquals(Arrays.toString(digit(2)), Arrays.toString(good.bytes(1)));
    }

    @Test
    void checkingTellsTheProgressListenerOfEachFile() throws Exception {
        ClassFolders folders = ClassFolders.under(Trees.MNIST, "jpg");
        List<String> calls = new ArrayList<>();
        long[] delivered = new long[1];
        folders.check(new ProgressListener() {
            @Override
            public void epochStarted(int epoch, long records) {
                calls.add("started " + epoch + " " + records);
            }

            @Override
            public void batchDelivered(int records) {
                delivered[0] += records;
            }

            @Override
            public void epochEnded(StageTimings timings) {
                calls.add("ended " + timings.records());
            }
        });

        assertEquals(List.of("started 0 " + Trees.MNIST_FILES, "ended " + Trees.MNIST_FILES), calls);
        assertEquals(Trees.MNIST_FILES, delivered[0]);
    }

    @Test
    void checkingChangesNoFile() throws Exception {
        Trees.files(root, "a/x.jpg", "a/y.jpg");
        Files.write(root.resolve("a/z.jpg"), digit(3));
        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        Map<Path, String> before = new HashMap<>();
        try (Stream<Path> files = Files.list(root.resolve("a"))) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, past);
                before.put(file, Arrays.toString(Files.readAllBytes(file)));
            }
        }

        assertEquals(2, ImageFiles.under(root, "jpg").check().badFiles().size());

        for (Map.Entry<Path, String> file : before.entrySet()) {
            assertEquals(file.getValue(), Arrays.toString(Files.readAllBytes(file.getKey())));
            assertEquals(past, Files.getLastModifiedTime(file.getKey()));
        }
        try (Stream<Path> files = Files.list(root.resolve("a"))) {
            assertEquals(3, files.count(), "nothing written beside them");
        }
    }

    @Test
    void theMessageListsTheFirstHundredAndCountsTheRest() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            text.append("gone-").append(i).append(".jpg 0\n");
        }
        Path list = Trees.text(root.resolve("list.txt"), text.toString());
        FileCheck<PathLabelList> check = PathLabelList.read(root, list).check();

        assertEquals(150, check.badFiles().size());
        String message = assertThrows(DatasetException.class, check::throwIfBad).getMessage();
        assertEquals(101, message.split("\n  ").length - 1, message);
        assertTrue(message.contains("\n  line 100: " + root.resolve("gone-99.jpg") + " does not exist\n  ... and 50"
                + " more\n"), message);
    }

    /** A way a file of the property below is spoiled, and the start of the problem the check must give. */
    private enum Spoil {
        NONE(null), DELETED("does not exist"), EMPTIED("is empty"), CUT("is a truncated JPEG"),
        REPLACED_BY_TEXT("is not an image in a format DataSeq decodes"), REPLACED_BY_FOLDER("is a folder");

        final String problem;

        Spoil(String problem) {
            this.problem = problem;
        }
    }

    /** A case: the spoiling of each of the files, drawn from the case's seed. */
    record Spoiling(Spoil[] files, long seed) {
        static Spoiling draw(int number) {
            SplittableRandom random = new SplittableRandom(0xC4EC_0000L + number);
            Spoil[] files = new Spoil[5 + random.nextInt(30)];
            for (int i = 0; i < files.length; i++) {
                files[i] = random.nextInt(3) == 0 ? Spoil.values()[1 + random.nextInt(Spoil.values().length - 1)]
                        : Spoil.NONE;
            }
            return new Spoiling(files, random.nextLong());
        }

        @Override
        public String toString() {
            return Arrays.toString(files);
        }
    }

    @Test
    void theCheckFindsExactlyTheSpoiledFilesAndWhy() {
        SeededCases.check("dataseq.files.check.case", 40, Spoiling::draw, (number, spoiling) -> {
            try {
                checkSpoiled(root.resolve("case-" + number), spoiling);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void checkSpoiled(Path dir, Spoiling spoiling) throws IOException {
        SplittableRandom random = new SplittableRandom(spoiling.seed());
        StringBuilder csv = new StringBuilder("file,digit\n");
        Spoil[] files = spoiling.files();
        for (int i = 0; i < files.length; i++) {
            Path file = dir.resolve(i % 10 + "/" + i + ".jpg");
            Files.createDirectories(file.getParent());
            byte[] jpeg = digit(i % 10);
            switch (files[i]) {
                case NONE -> Files.write(file, jpeg);
                case DELETED -> { } // never written
                case EMPTIED -> Files.write(file, new byte[0]);
                case CUT -> Files.write(file, Arrays.copyOf(jpeg, 2 + random.nextInt(jpeg.length - 3)));
                case REPLACED_BY_TEXT -> Files.writeString(file, "not an image " + random.nextLong());
                default -> Files.createDirectories(file);
            }
            csv.append(i % 10).append('/').append(i).append(".jpg,").append(i % 10).append('\n');
        }
        CsvLabels labels = CsvLabels.readIndices(dir, Trees.text(dir.resolve("labels.csv"), csv.toString()), "file",
                "digit", 10);

        FileCheck<CsvLabels> check = labels.check();

        Map<Integer, String> found = new TreeMap<>();
        check.badFiles().forEach(bad -> found.put(bad.record(), bad.problem()));
        for (int i = 0; i < files.length; i++) {
            if (files[i] == Spoil.NONE) {
                assertTrue(!found.containsKey(i), "file " + i + " is fine, yet: " + found.get(i));
            } else {
                assertTrue(found.containsKey(i) && found.get(i).startsWith(files[i].problem),
                        "file " + i + " " + files[i] + ": " + found.get(i));
            }
        }
        CsvLabels good = check.withoutBadFiles();
        assertEquals(files.length - found.size(), good.size());
        for (int record = 0; record < good.size(); record++) {
            assertEquals(Spoil.NONE, files[Integer.parseInt(good.file(record).getFileName().toString()
                    .replace(".jpg", ""))]);
        }
    }

    @Test
    void theUserGuidesStrictCheck(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("7"));
        Files.write(root.resolve("7/img_1.jpg"), digit(7));
        Files.writeString(root.resolve("labels.csv"), "image_name,label\n7/img_1.jpg,7\n");

        CsvLabels labels = CsvLabels.read(root, root.resolve("labels.csv"), "image_name", "label")
                .check(ProgressListener.console())   // reads each file's header, with a bar on a terminal
                .throwIfBad();                       // the list, or a DatasetException naming each bad file and why

        assertEquals(1, labels.size());
    }

    @Test
    void theUserGuidesLenientCheck(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("7"));
        Files.write(root.resolve("7/img_1.jpg"), digit(7));
        Files.write(root.resolve("7/img_2.jpg"), Arrays.copyOf(digit(7), 100));
        Files.writeString(root.resolve("labels.csv"), "image_name,label\n7/img_1.jpg,7\n7/img_2.jpg,7\n");

        FileCheck<CsvLabels> check = CsvLabels.read(root, root.resolve("labels.csv"), "image_name", "label").check();
        check.badFiles().forEach(bad -> System.err.println("left out: " + bad));
        CsvLabels labels = check.withoutBadFiles();  // the good files, their classes numbered as before

        assertEquals(1, labels.size());
        assertEquals("7/img_1.jpg", labels.relativePath(0));
        assertEquals(1, check.badFiles().size());
    }

    @Test
    void theUserGuidesSnippetsAreThoseTests() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int start = guide.indexOf("### Checking the files before training");
        assertTrue(start >= 0, "the guide has the section");
        String section = guide.substring(start, guide.indexOf("\n#", start + 1));
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
        String test = Files.readString(THIS_TEST, StandardCharsets.UTF_8);
        int blocks = 0;
        while (block.find()) {
            assertTrue(test.contains(block.group(1).indent(8)), "not a test's code:\n" + block.group(1));
            blocks++;
        }
        assertEquals(2, blocks, "the section's two snippets");
    }

    /** The bytes of a bundled JPEG of {@code digit}. */
    private static byte[] digit(int digit) throws IOException {
        try (Stream<Path> files = Files.list(Trees.MNIST.resolve(Integer.toString(digit)))) {
            return Files.readAllBytes(files.sorted().findFirst().orElseThrow());
        }
    }
}
