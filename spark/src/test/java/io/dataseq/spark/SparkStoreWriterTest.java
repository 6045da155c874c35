package io.dataseq.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.DataSeqException;
import io.dataseq.RecordException;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A store written by Spark tasks on {@code local[2,3]} (two cores, a task tried up to three times) holds every record
 * exactly once and is byte for byte the one {@code writeStore} writes on one machine: for several chunk sizes and
 * tasks of several chunks, and when attempts fail and are retried (speculation: {@link SpeculationTest}).
 * A record that fails under {@code FAIL} is named in the driver's exception; skips of every task are in the manifest.
 */
// A guard against a hang, not a timing assertion.
@Timeout(300)
class SparkStoreWriterTest {
    static final int RECORDS = 300;

    static SparkContext spark;

    @TempDir
    Path directory;

    @BeforeAll
    static void startSpark() {
        spark = new SparkContext(Spark.localConf("local[2,3]")
                .set("spark.hadoop.fs.copying.impl", CopyingFileSystem.class.getName()));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    static BuilderSupplier digits(int records, ErrorPolicy policy, SparkDigits.Hook hook) {
        String root = SparkDigits.MNIST;
        return () -> SparkDigitsSequence.perWorker(() -> new SparkDigits(root, records, hook)).onError(policy);
    }

    @ParameterizedTest(name = "{0} records a chunk, {1} chunks a task")
    @CsvSource({"0, 1", "7, 1", "50, 2", "64, 5", "299, 1"})
    void everyRecordOnceAndTheBytesOfWriteStore(int recordsPerChunk, int chunksPerTask) throws IOException {
        BuilderSupplier digits = digits(RECORDS, ErrorPolicy.FAIL, SparkDigits.Hook.NONE);
        SparkStoreWriter writer = SparkStoreWriter.of(spark, digits).chunksPerTask(chunksPerTask);
        if (recordsPerChunk > 0) {
            writer.recordsPerChunk(recordsPerChunk);
        }
        assertEquals(List.of(), writer.write(directory.resolve("spark").toUri().toString()));

        Path local = directory.resolve("local");
        assertEquals(List.of(), digits.builder().writeStore(local));
        assertSameStore(local, directory.resolve("spark"), recordsPerChunk == 0 ? RECORDS : recordsPerChunk);
        assertEquals(List.of("store"), entries(directory.resolve("spark")), "nothing but the store is left");
    }

    @Test
    void onAnotherFileSystemEachChunkIsWrittenLocallyAndCopied() throws IOException {
        BuilderSupplier digits = digits(RECORDS, ErrorPolicy.FAIL, SparkDigits.Hook.NONE);
        assertEquals(List.of(), SparkStoreWriter.of(spark, digits).recordsPerChunk(64).chunksPerTask(2)
                .write("copying://" + directory.resolve("spark").toAbsolutePath()));

        Path local = directory.resolve("local");
        digits.builder().writeStore(local);
        assertSameStore(local, directory.resolve("spark"), 64);
        assertEquals(List.of("store"), entries(directory.resolve("spark")));
    }

    @Test
    void attemptsThatFailAreRetriedAndNoRecordIsWrittenTwice() throws IOException {
        // Records 20 and 130 fail on their task's first attempt: with 10 records a chunk, 3 chunks a task, the task of
        // chunks 0..2 fails in its third chunk, after its first two chunks' files were written; the task of chunks
        // 12..14 in its second.
        Set<Integer> once = Set.of(20, 130);
        BuilderSupplier flaky = digits(RECORDS, ErrorPolicy.FAIL, record -> {
            TaskContext task = TaskContext.get();
            if (task != null && task.attemptNumber() == 0 && once.contains(record)) {
                throw new IOException("the first attempt at record " + record + " fails");
            }
        });
        assertEquals(List.of(), SparkStoreWriter.of(spark, flaky).recordsPerChunk(10).chunksPerTask(3)
                .write(directory.resolve("spark").toString()));

        Path local = directory.resolve("local");
        digits(RECORDS, ErrorPolicy.FAIL, SparkDigits.Hook.NONE).builder().writeStore(local);
        assertSameStore(local, directory.resolve("spark"), 10);
        assertEquals(List.of("store"), entries(directory.resolve("spark")));
    }

    @Test
    void aRecordThatFailsOnAnExecutorIsNamedInTheDriversException() {
        BuilderSupplier broken = digits(RECORDS, ErrorPolicy.FAIL, record -> {
            if (record == 123) {
                throw new IOException("the disk under record 123 is gone");
            }
        });
        RecordException e = assertThrows(RecordException.class, () -> SparkStoreWriter.of(spark, broken)
                .recordsPerChunk(40).write(directory.resolve("spark").toString()));
        assertEquals(123, e.record());
        assertTrue(e.description().endsWith(".jpg") && e.getMessage().contains(e.description()), e.getMessage());
        assertTrue(e.getMessage().contains("the disk under record 123 is gone"), e.getMessage());
        assertTrue(e.getMessage().contains("task"), "names the Spark task: " + e.getMessage());
        assertEquals(List.of(), entries(directory.resolve("spark")), "nothing is published, nothing left");
    }

    @Test
    void theSkipsOfEveryTaskAreMergedIntoTheManifest() throws IOException {
        Set<Integer> broken = Set.of(3, 77, 78, 161, 299);
        SparkDigits.Hook failing = record -> {
            if (broken.contains(record)) {
                throw new IOException("record " + record + " is unreadable");
            }
        };
        List<SkippedRecord> skipped = SparkStoreWriter.of(spark, digits(RECORDS, ErrorPolicy.SKIP, failing))
                .recordsPerChunk(40).write(directory.resolve("spark").toString());
        assertEquals(List.of(3, 77, 78, 161, 299), skipped.stream().map(SkippedRecord::record)
                .collect(Collectors.toList()));
        assertTrue(skipped.get(1).description().endsWith(".jpg"), skipped.get(1).toString());

        Path local = directory.resolve("local");
        List<SkippedRecord> skippedLocally = digits(RECORDS, ErrorPolicy.SKIP, failing).builder().writeStore(local);
        assertEquals(skippedLocally.toString(), skipped.toString());
        assertSameStore(local, directory.resolve("spark"), 40);
    }

    @Test
    void executorsThatSeeOtherRecordsFailTheJob() {
        String root = SparkDigits.MNIST;
        BuilderSupplier shifting = () -> SparkDigitsSequence.perWorker(
                () -> new SparkDigits(root, TaskContext.get() == null ? RECORDS : RECORDS - 1, SparkDigits.Hook.NONE));
        DataSeqException e = assertThrows(DataSeqException.class, () -> SparkStoreWriter.of(spark, shifting)
                .recordsPerChunk(100).write(directory.resolve("spark").toString()));
        assertTrue(e.getMessage().contains("299 records (the driver's has 300)"), e.getMessage());
    }

    /** A lambda that captured a reader is refused by {@code of}, on the driver, before any job: the class is named. */
    @Test
    void aSupplierThatCannotBeSentToTheExecutorsIsRefusedOnTheDriver() {
        SparkDigits reader = new SparkDigits(SparkDigits.MNIST, RECORDS, SparkDigits.Hook.NONE);
        BuilderSupplier capturingTheReader = () -> SparkDigitsSequence.perWorker(() -> reader);

        DataSeqException e = assertThrows(DataSeqException.class, () -> SparkStoreWriter.of(spark, capturingTheReader));

        assertTrue(e.getMessage().startsWith("the BuilderSupplier cannot be sent to the executors: it holds a "
                + SparkDigits.class.getName() + ", which is not Serializable. Capture paths and settings in the"
                + " lambda, and make the reader inside it"), e.getMessage());
        assertTrue(e.getCause() instanceof NotSerializableException, String.valueOf(e.getCause()));
    }

    @Test
    void aStoreOfTheReaderAlreadyThereIsKept() throws IOException {
        Path root = directory.resolve("spark");
        SparkStoreWriter.of(spark, digits(RECORDS, ErrorPolicy.FAIL, SparkDigits.Hook.NONE)).recordsPerChunk(100)
                .write(root.toString());
        byte[] manifest = Files.readAllBytes(root.resolve("store/manifest"));
        BuilderSupplier neverRead = digits(RECORDS, ErrorPolicy.FAIL, record -> {
            throw new IOException("read again");
        });
        assertEquals(List.of(), SparkStoreWriter.of(spark, neverRead).recordsPerChunk(100).write(root.toString()));
        assertArrayEquals(manifest, Files.readAllBytes(root.resolve("store/manifest")));
    }

    /**
     * The store in {@code spark} is the one in {@code local} (written by writeStore, in one chunk): its chunks hold
     * the local chunk's bytes, {@code recordsPerChunk} records each, and its manifest differs in its chunks alone.
     */
    static void assertSameStore(Path local, Path spark, int recordsPerChunk) throws IOException {
        List<String> localManifest = Files.readAllLines(local.resolve("store/manifest"));
        List<String> sparkManifest = Files.readAllLines(spark.resolve("store/manifest"));
        assertEquals(but(localManifest), but(sparkManifest), "the manifests but their chunks");
        assertTrue(sparkManifest.contains("records-per-chunk " + recordsPerChunk), sparkManifest.toString());
        int chunks = (RECORDS + recordsPerChunk - 1) / recordsPerChunk;
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int c = 0; c < chunks; c++) {
            joined.write(Files.readAllBytes(spark.resolve("store").resolve(String.format("chunk-%05d.bin", c))));
        }
        assertArrayEquals(Files.readAllBytes(local.resolve("store/chunk-00000.bin")), joined.toByteArray(),
                "every record once, in order, with writeStore's bytes");
        List<String> files = entries(spark.resolve("store"));
        assertEquals(chunks + 1, files.size(), "the chunks and the manifest, nothing else: " + files);
        if (recordsPerChunk == RECORDS) {
            for (String file : entries(local.resolve("store"))) {
                assertArrayEquals(Files.readAllBytes(local.resolve("store").resolve(file)),
                        Files.readAllBytes(spark.resolve("store").resolve(file)), file);
            }
        }
        assertFalse(files.stream().anyMatch(file -> file.contains("attempt")), files.toString());
    }

    private static List<String> but(List<String> manifest) {
        return manifest.stream().filter(line -> !line.startsWith("chunk ") && !line.startsWith("records-per-chunk "))
                .collect(Collectors.toList());
    }

    static List<String> entries(Path directory) {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
