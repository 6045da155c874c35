package io.dataseq.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HDF5 dataset far larger than the heap: a child JVM with a 128 MiB heap writes 1.6 GB of rows in slabs, then
 * reads a shuffled epoch of them, every row once, through no more than {@code prefetch + 1} batch buffers. Its own
 * JVM, so that the heap limit is real and nothing else shares it.
 */
class LargeHdf5EpochTest {
    private static final int RECORDS = 90_000; // x 4,500 floats = 1.62 GB, 12 times the heap
    private static final int WORKERS = 2;
    private static final int PREFETCH = 4;
    private static final String HEAP = "128m";
    private static final long TIMEOUT_MINUTES = 4; // a guard against a hang, not a timing assertion

    @Test
    void anEpochOfADatasetFarLargerThanTheHeapCompletesInFewBuffers(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("child.log");
        Path file = dir.resolve("large.h5");
        ProcessBuilder builder = new ProcessBuilder(command(file))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile()); // a file, not a pipe: a chatty child can never block on it
        builder.environment().put("OMP_NUM_THREADS", "1"); // as surefire's own JVMs run (see the parent pom)
        Process child = builder.start();
        if (!child.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            fail("the child JVM did not finish within " + TIMEOUT_MINUTES + " minutes; its output:\n" + read(output));
        }
        String log = read(output);
        assertEquals(0, child.exitValue(), () -> "the child JVM failed; its output:\n" + log);

        Map<String, String> result = result(log);
        System.out.println("LargeHdf5Epoch child: " + result);
        String context = "the child printed: " + result;
        assertEquals(Integer.toString(RECORDS), result.get("records"), "records in the epoch; " + context);
        int buffers = Integer.parseInt(result.get("allocatedBuffers"));
        assertTrue(buffers >= 1 && buffers <= PREFETCH + 1, "allocatedBuffers " + buffers + "; " + context);
        long heap = Long.parseLong(result.get("heapMaxBytes"));
        long fileBytes = Long.parseLong(result.get("fileBytes"));
        assertTrue(fileBytes >= 1_500_000_000L && fileBytes >= 10 * heap,
                "the dataset must dwarf the heap for this test to prove anything; " + context);
        long resident = Long.parseLong(result.get("residentBytes"));
        assertTrue(resident < fileBytes / 2, "resident memory " + resident + " bytes; " + context);
    }

    private static List<String> command(Path file) {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(),
                "-Xmx" + HEAP,
                "-cp", System.getProperty("java.class.path"),
                LargeHdf5Epoch.class.getName(),
                file.toString(), Integer.toString(RECORDS), Integer.toString(WORKERS), Integer.toString(PREFETCH));
    }

    /** The child's {@code RESULT key=value ...} line as a map. */
    private static Map<String, String> result(String log) {
        String line = log.lines()
                .filter(candidate -> candidate.startsWith(LargeHdf5Epoch.RESULT))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the child printed no result line; its output:\n" + log));
        Map<String, String> result = new HashMap<>();
        for (String pair : line.substring(LargeHdf5Epoch.RESULT.length()).split(" ")) {
            int equals = pair.indexOf('=');
            result.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return result;
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output) : "(none)";
    }
}
