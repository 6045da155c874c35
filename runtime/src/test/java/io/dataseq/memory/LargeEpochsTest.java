package io.dataseq.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise that memory is bounded by the prefetch window, never by the dataset: two shuffled epochs over 2.1 GB
 * of records complete in a JVM with a 128 MiB heap, and no more than {@code prefetch + 1} batch buffers are ever
 * allocated. It runs in a child JVM of its own, so that the heap limit is real and nothing else shares it.
 */
class LargeEpochsTest {
    private static final int RECORDS = 120_000; // x 4,500 floats = 2.16 GB, 16 times the heap
    private static final int WORKERS = 2;
    private static final int PREFETCH = 4;
    private static final int EPOCHS = 2;
    private static final String HEAP = "128m";
    private static final long TIMEOUT_MINUTES = 4; // a guard against a hang, not a timing assertion

    @Test
    void epochsFarLargerThanTheHeapCompleteInFewBuffers(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("child.log");
        ProcessBuilder builder = new ProcessBuilder(command())
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
        System.out.println("LargeEpochs child: " + result);
        String context = "the child printed: " + result;
        assertEquals(String.join(",", Collections.nCopies(EPOCHS, Integer.toString(RECORDS))), result.get("records"),
                "records per epoch; " + context);
        int buffers = Integer.parseInt(result.get("allocatedBuffers"));
        assertTrue(buffers >= 1 && buffers <= PREFETCH + 1, "allocatedBuffers " + buffers + "; " + context);
        long heap = Long.parseLong(result.get("heapMaxBytes"));
        long features = Long.parseLong(result.get("featureBytes"));
        assertTrue(features >= 10 * heap, "the records must dwarf the heap for this test to prove anything; " + context);
        // The batch buffers live off the heap, where -Xmx does not reach: the process as a whole (under 200 MB,
        // mostly the JVM and ND4J's native libraries) must stay far below the data it read too.
        long resident = Long.parseLong(result.get("residentBytes"));
        assertTrue(resident < features / 2, "resident memory " + resident + " bytes; " + context);
    }

    /**
     * No JavaCPP limits are passed: with a 128 MiB heap they default to maxbytes 128 MiB and maxphysicalbytes
     * 512 MiB, while the window's {@code prefetch + 1} buffers of 64 x 4,500 floats are about 1.1 MiB each and the
     * whole process stays near 200 MB resident. Should a heavier ND4J build trip them ("Physical memory usage is
     * too high"), raise them with -Dorg.bytedeco.javacpp.maxphysicalbytes rather than the heap.
     */
    private static List<String> command() {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(),
                "-Xmx" + HEAP,
                "-cp", System.getProperty("java.class.path"),
                LargeEpochs.class.getName(),
                Integer.toString(RECORDS), Integer.toString(WORKERS), Integer.toString(PREFETCH),
                Integer.toString(EPOCHS));
    }

    /** The child's {@code RESULT key=value ...} line as a map. */
    private static Map<String, String> result(String log) {
        String line = log.lines()
                .filter(candidate -> candidate.startsWith(LargeEpochs.RESULT))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the child printed no result line; its output:\n" + log));
        Map<String, String> result = new HashMap<>();
        for (String pair : line.substring(LargeEpochs.RESULT.length()).split(" ")) {
            int equals = pair.indexOf('=');
            result.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return result;
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output) : "(none)";
    }
}
