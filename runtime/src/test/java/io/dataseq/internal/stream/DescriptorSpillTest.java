package io.dataseq.internal.stream;

import io.dataseq.stream.DescriptorCodec;
import io.dataseq.stream.DescriptorSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk recording by itself: descriptors of any length (empty, larger than its buffers) read back by position
 * from several threads while appends go on; and, in a JVM of 64 MB of heap, a recording of 200 MB.
 */
@Timeout(120)
class DescriptorSpillTest {
    private static final long SEED = 0x5B11_1000L;

    @TempDir
    Path directory;

    @Test
    void descriptorsOfAnyLengthComeBackByPositionWhileOthersAreAppended() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> written = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try (DescriptorSpill<String> spill = DescriptorSpill.create(directory, DescriptorCodec.utf8())) {
            for (int round = 0; round < 40; round++) {
                int count = random.nextInt(60);
                for (int i = 0; i < count; i++) {
                    String descriptor = text(random, written.size());
                    spill.append(descriptor);
                    written.add(descriptor);
                }
                spill.flush();
                int readable = written.size();
                List<Future<?>> reads = new ArrayList<>();
                for (int reader = 0; reader < 4; reader++) {
                    long seed = random.nextLong();
                    reads.add(readers.submit(() -> {
                        SplittableRandom positions = new SplittableRandom(seed);
                        for (int k = 0; k < 50 && readable > 0; k++) {
                            int position = positions.nextInt(readable);
                            assertEquals(written.get(position), spill.read(position), "position " + position);
                        }
                        return null;
                    }));
                }
                for (Future<?> read : reads) {
                    read.get();
                }
            }
            assertThrows(IllegalStateException.class, () -> spill.read(written.size()));
            spill.clear();
            assertThrows(IllegalStateException.class, () -> spill.read(0));
            spill.append("again");
            spill.flush();
            assertEquals("again", spill.read(0));
            assertEquals(2, files().size());
        } finally {
            readers.shutdownNow();
        }
        assertEquals(List.of(), files());
    }

    @Test
    void aRecordingLargerThanTheHeapFitsOnDiskButNotOnTheHeap() throws Exception {
        int count = 1_000_000; // 200 bytes each: 200 MB, in a heap of 64 MB
        assertEquals("spilled " + count, fork("spill", count));
        String onHeap = fork("heap", count);
        assertTrue(onHeap.startsWith("out of memory at "), onHeap);
        assertEquals(List.of(), files());
    }

    /** Runs {@link #main} in a JVM of 64 MB of heap and returns its last line. */
    private String fork(String where, int count) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), DescriptorSpillTest.class.getName(), where,
                Integer.toString(count), directory.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertEquals(0, process.waitFor(), output);
        String[] lines = output.split("\\R");
        return lines[lines.length - 1];
    }

    /**
     * Records {@code count} descriptors of 200 bytes through a {@link DescriptorStore}, on the heap or spilled to
     * a directory, then reads each back in a shuffled order; prints how it ended.
     */
    public static void main(String[] args) throws Exception {
        boolean spilled = args[0].equals("spill");
        int count = Integer.parseInt(args[1]);
        DescriptorSource<String> source = DescriptorSource.ofStream(
                () -> java.util.stream.IntStream.range(0, count).mapToObj(DescriptorSpillTest::twoHundredBytes));
        DescriptorStore<String> store = new DescriptorStore<>(source, false,
                spilled ? DescriptorSpill.create(Path.of(args[2]), DescriptorCodec.utf8()) : null);
        try {
            long pulled = 0;
            try {
                while (!store.exhausted()) {
                    pulled = store.ensure(pulled + 1000);
                }
            } catch (OutOfMemoryError e) {
                long reached = store.pulled();
                store.restart(); // frees the heap, to print
                System.out.println("out of memory at " + reached);
                return;
            }
            SplittableRandom random = new SplittableRandom(SEED);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int position = random.nextInt(count);
                if (!store.get(position).equals(twoHundredBytes(position))) {
                    throw new AssertionError("position " + position);
                }
            }
            // For docs/streaming.md: what reading back costs (the check included, the same on both sides).
            System.out.printf("read back %d in a shuffled order: %.0f descriptors/s%n", count,
                    count / ((System.nanoTime() - start) / 1e9));
            System.out.println((spilled ? "spilled " : "on heap ") + store.pulled());
        } finally {
            store.close();
        }
    }

    private static String twoHundredBytes(int i) {
        String number = Integer.toString(i);
        return number + "x".repeat(200 - number.length());
    }

    private static String text(SplittableRandom random, int index) {
        int kind = random.nextInt(20);
        int length = kind == 0 ? 0 : kind == 1 ? 70_000 + random.nextInt(200_000) : random.nextInt(300);
        StringBuilder text = new StringBuilder(index + ":");
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        if (kind == 2) {
            text.append("é∑😀"); // more than one byte per character
        }
        return text.toString();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
