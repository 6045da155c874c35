package io.dataseq.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.testing.SeededCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over random trees of files, folders and symbolic links (inside the root, out of it, dangling), listed in a CSV or a
 * path-label list, then changed after the list was read (a folder swapped for a link out, a file for a link out, a
 * link put where a missing name was, a link's target created): every read through the list returns a file under the
 * root and never one outside it; every listed file that is, when read, a regular file under the root is read; the
 * list is refused exactly when a name escapes when it is read; and {@code check()} reports exactly the files that
 * cannot be read. A failure names its case and how to replay it ({@code -Ddataseq.files.escape.case=N}).
 */
class RootEscapePropertyTest {
    private static final int CASES = 150;
    private static final long SEED = 0x5EC0_0000L;
    private static final String REPLAY = "dataseq.files.escape.case";
    private static final int FOLDERS = 3;
    private static final int FILES = 3;

    @TempDir
    Path work;

    /** A case: the seed of its tree, its list and its changes. */
    record Scenario(long seed, boolean csv, boolean escapeWhenListed) {
        static Scenario draw(int number) {
            SplittableRandom random = new SplittableRandom(SEED + number);
            return new Scenario(random.nextLong(), random.nextBoolean(), random.nextInt(4) == 0);
        }
    }

    /** What the cases did, so that a change to the drawing that stops covering a path fails. */
    private final int[] seen = new int[Outcome.values().length];

    private enum Outcome {
        LIST_REFUSED, READ, READ_REFUSED
    }

    @Test
    void noReadLeavesTheRootAndEveryFileInsideItIsRead() {
        SeededCases.check(REPLAY, CASES, Scenario::draw, (i, scenario) -> {
            try {
                run(scenario, Files.createDirectories(work.resolve("case-" + i)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (System.getProperty(REPLAY) == null) {
            for (Outcome outcome : Outcome.values()) {
                assertTrue(seen[outcome.ordinal()] > 10, outcome + " in only " + seen[outcome.ordinal()] + " cases");
            }
        }
    }

    private void run(Scenario scenario, Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(scenario.seed());
        Path data = Files.createDirectories(dir.resolve("data"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        for (int f = 0; f < FILES; f++) {
            write(outside.resolve("o/f" + f + ".jpg"), "OUT");
        }
        write(outside.resolve("o/x.jpg"), "OUT");
        write(outside.resolve("o.jpg"), "OUT");
        for (int d = 0; d < FOLDERS; d++) {
            for (int f = 0; f < FILES; f++) {
                write(data.resolve("d" + d + "/f" + f + ".jpg"), "IN");
            }
        }

        Set<String> names = new LinkedHashSet<>();
        List<String> missingFolders = new ArrayList<>();
        List<String> missingFiles = new ArrayList<>();
        int entries = 3 + random.nextInt(8);
        for (int k = 0; k < entries; k++) {
            int kind = random.nextInt(scenario.escapeWhenListed() ? 8 : 5);
            String folder = "d" + random.nextInt(FOLDERS);
            String file = "f" + random.nextInt(FILES) + ".jpg";
            switch (kind) {
                case 0 -> names.add(folder + "/" + file);
                case 1 -> {
                    names.add(folder + "/missing" + k + ".jpg");
                    missingFiles.add(folder + "/missing" + k + ".jpg");
                }
                case 2 -> {
                    names.add("new" + k + "/x.jpg");
                    missingFolders.add("new" + k);
                }
                case 3 -> names.add(link(data, "l" + k + ".jpg", data.resolve(folder).resolve(file)));
                case 4 -> names.add(link(data, "L" + k, data.resolve(folder)) + "/" + file);
                case 5 -> names.add(link(data, "e" + k + ".jpg", outside.resolve("o.jpg")));
                case 6 -> names.add(link(data, "E" + k, outside.resolve("o")) + "/" + file);
                default -> names.add(link(data, "g" + k + ".jpg", (random.nextBoolean() ? outside : data)
                        .resolve("gone" + k + ".jpg")));
            }
        }
        boolean escapes = false;
        for (String name : names) {
            escapes |= escapes(data, name);
        }

        RootedFileList<?> list;
        try {
            list = read(scenario.csv(), data, dir, new ArrayList<>(names), random);
        } catch (DatasetException e) {
            assertTrue(escapes, "refused though no name escapes: " + e.getMessage());
            seen[Outcome.LIST_REFUSED.ordinal()]++;
            return;
        }
        assertFalse(escapes, "a name escapes, yet the list was read: " + names);

        int changes = random.nextInt(5);
        for (int c = 0; c < changes; c++) {
            switch (random.nextInt(5)) {
                case 0 -> { // a folder swapped for a link out, holding files of the same names
                    Path folder = data.resolve("d" + random.nextInt(FOLDERS));
                    if (!Files.isSymbolicLink(folder)) {
                        deleteTree(folder);
                        Files.createSymbolicLink(folder, outside.resolve("o"));
                    }
                }
                case 1 -> { // a missing folder made a link out
                    if (!missingFolders.isEmpty()) {
                        Path folder = data.resolve(missingFolders.get(random.nextInt(missingFolders.size())));
                        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                            Files.createSymbolicLink(folder, outside.resolve("o"));
                        }
                    }
                }
                case 2 -> { // a missing file made a dangling link, whose target may then be created
                    if (!missingFiles.isEmpty()) {
                        Path file = data.resolve(missingFiles.get(random.nextInt(missingFiles.size())));
                        Path target = outside.resolve("later-" + c + ".jpg");
                        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                            Files.createSymbolicLink(file, target);
                            if (random.nextBoolean()) {
                                write(target, "OUT");
                            }
                        }
                    }
                }
                case 3 -> { // a file swapped for a link out
                    Path file = data.resolve("d" + random.nextInt(FOLDERS) + "/f" + random.nextInt(FILES) + ".jpg");
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(file);
                        Files.createSymbolicLink(file, outside.resolve("o.jpg"));
                    }
                }
                default -> { // a missing file created, under the root
                    if (!missingFiles.isEmpty()) {
                        Path file = data.resolve(missingFiles.get(random.nextInt(missingFiles.size())));
                        if (Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS)
                                && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                            write(file, "IN");
                        }
                    }
                }
            }
        }

        Path realRoot = data.toRealPath();
        Set<Integer> unreadable = new TreeSet<>();
        for (int record = 0; record < list.size(); record++) {
            Path file = list.file(record);
            boolean inside = Files.isRegularFile(file) && file.toRealPath().startsWith(realRoot);
            byte[] read;
            try {
                read = list.bytes(record);
            } catch (IOException e) {
                assertFalse(inside, "record " + record + ", " + file + ", is under the root yet refused: " + e);
                unreadable.add(record);
                seen[Outcome.READ_REFUSED.ordinal()]++;
                continue;
            }
            assertTrue(inside, "record " + record + ", " + file + ", was read though it is not under the root");
            assertEquals("IN", marker(read), "record " + record + ", " + file);
            assertArrayEquals(Files.readAllBytes(file), read);
            seen[Outcome.READ.ordinal()]++;
        }
        Set<Integer> bad = new TreeSet<>();
        list.check().badFiles().forEach(b -> bad.add(b.record()));
        assertEquals(unreadable, bad, "check() reports the files that cannot be read");
    }

    /** Whether a name leaves the root through a link on its way (one that leads out, or to nothing). */
    private static boolean escapes(Path data, String name) throws IOException {
        Path realRoot = data.toRealPath();
        Path prefix = data;
        for (Path part : Path.of(name)) {
            prefix = prefix.resolve(part);
            if (Files.isSymbolicLink(prefix)) {
                if (!Files.exists(prefix) || !prefix.toRealPath().startsWith(realRoot)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static RootedFileList<?> read(boolean csv, Path data, Path dir, List<String> names,
            SplittableRandom random) throws IOException {
        StringBuilder text = new StringBuilder(csv ? "file,label\n" : "");
        for (String name : names) {
            String written = !csv && random.nextBoolean() ? name.replace('/', '\\') : name;
            text.append(written).append(csv ? "," : " ").append(random.nextInt(3)).append('\n');
        }
        Path list = Trees.text(dir.resolve(csv ? "labels.csv" : "list.txt"), text.toString());
        return csv ? CsvLabels.read(data, list, "file", "label") : PathLabelList.read(data, list);
    }

    private static String link(Path data, String name, Path target) throws IOException {
        Files.createSymbolicLink(data.resolve(name), target);
        return name;
    }

    /**
     * Writes a file that passes the header check: a 1x1 BMP (an OS/2 header, declaring the file's size), then
     * {@code marker}, which says which side of the root it was written on.
     */
    private static void write(Path file, String marker) throws IOException {
        byte[] text = marker.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bmp = ByteBuffer.allocate(26 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(26 + text.length).putInt(0).putInt(26).putInt(12)
                .putShort((short) 1).putShort((short) 1).putShort((short) 1).putShort((short) 24).put(text);
        Files.createDirectories(file.getParent());
        Files.write(file, bmp.array());
    }

    private static String marker(byte[] file) {
        return new String(file, 26, file.length - 26, StandardCharsets.US_ASCII);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
