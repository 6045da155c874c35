package io.dataseq.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.DataSeqException;
import io.dataseq.RecordException;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.image.ImageSpec;
import io.dataseq.index.ShardRemainder;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.fetch.BatchBuffers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store format and its safety, at the plan: a record of float32 features, an int32 class and a float32 target
 * written through and read back, spread over several chunk files; the manifest's fields; a flipped bit; a full disk;
 * a crash before the manifest; a truncated manifest.
 */
class StoreTest {
    private static final int RECORDS = 47;
    /** A record is 6 + 1 + 1 values of 4 bytes: 10 records to a chunk, 5 chunks. */
    private static final long CHUNK_BYTES = 320;

    @TempDir
    Path directory;

    /** A reader of {@code records} records that counts its reads; records in {@code failing} throw. */
    static final class Reader {
        final int records;
        final Set<Integer> failing;
        final AtomicIntegerArray reads;
        /** Added to every value read: a reader whose records change between two reads of them. */
        volatile float shift;

        Reader(int records, Set<Integer> failing) {
            this.records = records;
            this.failing = failing;
            this.reads = new AtomicIntegerArray(records);
        }

        float[] x(int record) throws IOException {
            reads.incrementAndGet(record);
            if (failing.contains(record)) {
                throw new IOException("record " + record + " is corrupt");
            }
            float[] values = new float[6];
            for (int i = 0; i < values.length; i++) {
                values[i] = record + i / 10f + shift;
            }
            return values;
        }
    }

    private static final ReaderBinding<Reader> BINDING = ReaderBinding.<Reader>builder()
            .size(reader -> reader.records)
            .describe((reader, record) -> "line " + record)
            .floatFeatures("x", new int[] {2, 3}, (reader, record, context) -> reader.x(record))
            .classLabel("y", 5, List.of("a", "b", "c", "d", "e"), (reader, record, context) -> record % 5)
            .floatLabel("z", new int[] {1}, (reader, record, context) -> new float[] {record * 0.5f})
            .build();

    private static PlanSettings settings(ErrorPolicy policy) {
        return new PlanSettings(5, false, 7L, false, 0, 1, ShardRemainder.PAD, null, policy, false, null, false,
                false);
    }

    private CachePlan cache(Reader reader, ErrorPolicy policy) {
        return cache(reader, settings(policy));
    }

    private CachePlan cache(Reader reader, PlanSettings settings) {
        return CachePlan.over(BINDING.over(ReaderSource.shared(reader)), settings, directory, CHUNK_BYTES,
                StoreWriter.NEW_FILES);
    }

    /** One epoch's rows as [record, x..., one-hot..., z], and the records skipped. */
    private static List<float[]> epoch(PassPlan plan, int epoch, List<Integer> skipped) throws Exception {
        List<float[]> rows = new ArrayList<>();
        BatchBuffers buffers = plan.newBuffers();
        BatchLoader<BatchBuffers> loader = plan.pass(epoch, 0);
        for (int batch = 0; batch < plan.batches(epoch); batch++) {
            loader.load(batch, buffers);
            float[] x = buffers.features(0).dup().data().asFloat();
            float[] y = buffers.labels(0).dup().data().asFloat();
            float[] z = buffers.labels(1).dup().data().asFloat();
            for (int row = 0; row < buffers.rows(); row++) {
                float[] values = new float[1 + 6 + 5 + 1];
                values[0] = buffers.record(row);
                System.arraycopy(x, row * 6, values, 1, 6);
                System.arraycopy(y, row * 5, values, 7, 5);
                values[12] = z[row];
                rows.add(values);
            }
            for (SkippedRecord record : buffers.skipped()) {
                skipped.add(record.record());
            }
            plan.delivered(epoch, batch + 1);
        }
        return rows;
    }

    @Test
    void aStoreHoldsWhatTheReaderReadAndDescribesItselfInItsManifest() throws Exception {
        Reader reader = new Reader(RECORDS, Set.of(13));
        List<Integer> skipped = new ArrayList<>();
        List<float[]> fromReader;
        try (CachePlan writing = cache(reader, ErrorPolicy.SKIP)) {
            assertFalse(writing.readsStore());
            fromReader = epoch(writing, 0, skipped);
            assertTrue(writing.readsStore(), "sealed once every record was in it");
        }
        assertEquals(List.of(13), skipped);

        Manifest manifest = Manifest.readFrom(directory.resolve(StoreDirectory.STORE));
        assertEquals(StoreLayout.FORMAT_VERSION, manifest.version());
        assertEquals(StoreLayout.fingerprint(BINDING, RECORDS), manifest.fingerprint());
        assertEquals(RECORDS, manifest.records());
        assertEquals(32, manifest.layout().recordBytes());
        assertEquals(10, manifest.recordsPerChunk());
        assertEquals(List.of("chunk-00000.bin", "chunk-00001.bin", "chunk-00002.bin", "chunk-00003.bin",
                "chunk-00004.bin"), manifest.chunks().stream().map(Manifest.Chunk::file).collect(Collectors.toList()));
        assertEquals(7 * 32, manifest.chunks().get(4).bytes());
        List<StoreLayout.Field> fields = manifest.layout().fields();
        assertEquals(StoreLayout.Encoding.FLOAT32, fields.get(0).encoding());
        assertArrayEquals(new int[] {2, 3}, fields.get(0).shape());
        assertEquals(StoreLayout.Encoding.INT32_CLASS, fields.get(1).encoding());
        assertEquals(List.of("a", "b", "c", "d", "e"), fields.get(1).classNames());
        assertEquals(List.of(new Manifest.Skip(13, "line 13", "java.io.IOException: record 13 is corrupt")),
                manifest.skipped());

        Reader again = new Reader(RECORDS, Set.of());
        skipped.clear();
        try (CachePlan reading = cache(again, ErrorPolicy.SKIP)) {
            assertTrue(reading.readsStore());
            List<float[]> fromStore = epoch(reading, 1, skipped);
            assertEquals(fromReader.size(), fromStore.size());
            for (int i = 0; i < fromReader.size(); i++) {
                assertArrayEquals(fromReader.get(i), fromStore.get(i), "row " + i);
            }
        }
        assertEquals(List.of(13), skipped, "a record skipped when writing is skipped when reading");
        for (int record = 0; record < RECORDS; record++) {
            assertEquals(0, again.reads.get(record), "the reader is not read");
        }
    }

    /**
     * The checksums are taken as the chunks are written when their records come in order, and from the files when
     * they do not: written in a shuffled order, with a skipped record, and with records written twice with other
     * values the second time, each chunk's checksum is that of its file (every chunk is checked when read back).
     */
    @Test
    void eachChunksChecksumIsItsFilesWhateverOrderItsRecordsWereWrittenIn() throws Exception {
        for (boolean shuffle : new boolean[] {false, true}) {
            Reader reader = new Reader(RECORDS, Set.of(23));
            PlanSettings settings = new PlanSettings(5, shuffle, 7L, false, 0, 1, ShardRemainder.PAD, null,
                    ErrorPolicy.SKIP, false, null, false, false);
            List<float[]> written = new ArrayList<>();
            try (CachePlan writing = cache(reader, settings)) {
                BatchBuffers buffers = writing.newBuffers();
                BatchLoader<BatchBuffers> loader = writing.pass(0, 0);
                loader.load(0, buffers);
                reader.shift = 100; // batch 0's records are written again, with other values
                for (int batch = 0; batch < writing.batches(0); batch++) {
                    loader.load(batch, buffers);
                    float[] x = buffers.features(0).dup().data().asFloat();
                    for (int row = 0; row < buffers.rows(); row++) {
                        written.add(new float[] {buffers.record(row), x[row * 6]});
                    }
                }
                writing.delivered(0, writing.batches(0));
                assertTrue(writing.readsStore());
            }
            List<Integer> skipped = new ArrayList<>();
            try (CachePlan reading = cache(new Reader(RECORDS, Set.of()), ErrorPolicy.SKIP)) {
                assertTrue(reading.readsStore());
                List<float[]> rows = epoch(reading, 1, skipped);
                assertEquals(RECORDS - 1, rows.size(), "shuffle " + shuffle + ": no chunk failed its checksum");
                for (float[] row : rows) {
                    assertEquals(row[0] + 100, row[1], "shuffle " + shuffle + ": record " + row[0]
                            + " as written last");
                }
            }
            assertEquals(List.of(23), skipped);
            assertEquals(RECORDS - 1, written.size());
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.collect(Collectors.toList())) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.collect(Collectors.toList())) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(path);
    }

    @Test
    void aFlippedBitFailsTheRecordsOfItsChunkAndNamesTheChunkFile() throws Exception {
        try (CachePlan writing = cache(new Reader(RECORDS, Set.of()), ErrorPolicy.FAIL)) {
            epoch(writing, 0, new ArrayList<>());
        }
        Path chunk = directory.resolve(StoreDirectory.STORE).resolve("chunk-00001.bin");
        byte[] bytes = Files.readAllBytes(chunk);
        bytes[77] ^= 0x10;
        Files.write(chunk, bytes);

        try (CachePlan failing = cache(new Reader(RECORDS, Set.of()), ErrorPolicy.FAIL)) {
            assertTrue(failing.readsStore());
            BatchLoader<BatchBuffers> loader = failing.pass(1, 0);
            BatchBuffers buffers = failing.newBuffers();
            loader.load(1, buffers); // records 5..9: chunk 0 is good
            RecordException e = assertThrows(RecordException.class, () -> loader.load(2, buffers));
            assertEquals(10, e.record());
            assertTrue(e.getMessage().contains("chunk-00001.bin") && e.getMessage().contains("CRC32C"),
                    e.getMessage());
        }
        List<Integer> skipped = new ArrayList<>();
        try (CachePlan skipping = cache(new Reader(RECORDS, Set.of()), ErrorPolicy.SKIP)) {
            List<float[]> rows = epoch(skipping, 1, skipped);
            assertEquals(RECORDS - 10, rows.size());
        }
        assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), skipped,
                "delivered + skipped = visited, every record of the bad chunk skipped");
    }

    @Test
    void aFullDiskIsAClearErrorAndLeavesNothingBehind() {
        Reader reader = new Reader(RECORDS, Set.of());
        PlanSource source = BINDING.over(ReaderSource.shared(reader));
        DataSeqException e = assertThrows(DataSeqException.class, () -> CachePlan.over(source,
                settings(ErrorPolicy.FAIL), directory, CHUNK_BYTES,
                file -> FileChannel.open(Path.of("/dev/full"), StandardOpenOption.WRITE)));
        assertTrue(e.getMessage().contains("chunk-00000.bin") && e.getMessage().contains("No space left on device"),
                e.getMessage());
        assertEquals(List.of(), entries(), "no store, and no half-written one");
    }

    @Test
    void aStoreNotSealedIsNeverUsedAndAWholeOneIsPublishedWhole() throws Exception {
        Reader reader = new Reader(RECORDS, Set.of());
        // A crash in the middle of the first epoch: the plan is never closed, nothing is sealed.
        CachePlan crashed = cache(reader, ErrorPolicy.FAIL);
        crashed.pass(0, 0).load(0, crashed.newBuffers());
        assertFalse(Files.exists(directory.resolve(StoreDirectory.STORE)));

        try (CachePlan next = cache(reader, ErrorPolicy.FAIL)) {
            assertFalse(next.readsStore(), "the crashed writer's directory is not a store");
            epoch(next, 0, new ArrayList<>());
            assertTrue(next.readsStore());
        }
        // A manifest cut short (as by a copy that stopped half way) is not a store: it is rebuilt.
        Path manifest = directory.resolve(StoreDirectory.STORE).resolve(Manifest.FILE);
        List<String> lines = Files.readAllLines(manifest);
        Files.write(manifest, lines.subList(0, lines.size() - 1));
        assertNull(new StoreDirectory(directory).publishedFingerprint());
        try (CachePlan rebuilt = cache(reader, ErrorPolicy.FAIL)) {
            assertFalse(rebuilt.readsStore());
            epoch(rebuilt, 0, new ArrayList<>());
            assertTrue(rebuilt.readsStore());
        }
        assertTrue(Manifest.readFrom(directory.resolve(StoreDirectory.STORE)).chunks().size() == 5);
        crashed.close();
    }

    @Test
    void theDirectoriesOfWritersThatDiedAreDeletedAndThoseOfLiveWritersKept() throws Exception {
        // A writer that died: its owner file is there, unlocked (a process that dies loses its locks).
        Path dead = Files.createDirectories(directory.resolve(".writing-dead"));
        Files.writeString(dead.resolve("chunk-00000.bin"), "half written");
        Files.createFile(dead.resolve(".owner"));
        // One that died before it made its owner file, long ago; and one that another process has just made.
        Path old = Files.createDirectories(directory.resolve(".writing-old"));
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(0));
        Path young = Files.createDirectories(directory.resolve(".writing-young"));
        try (CachePlan alive = cache(new Reader(RECORDS, Set.of()), ErrorPolicy.FAIL)) {
            assertFalse(Files.exists(dead), "a dead writer's directory is deleted");
            assertFalse(Files.exists(old), "an old directory with no owner is deleted");
            assertTrue(Files.exists(young), "a directory just made, not locked yet, is kept");
            try (CachePlan second = cache(new Reader(RECORDS, Set.of()), ErrorPolicy.FAIL)) {
                assertEquals(2, entries().stream().filter(name -> name.startsWith(".writing-")
                        && !name.equals(".writing-young")).count(), "the first writer, alive, is kept: " + entries());
            }
        }
        assertEquals(List.of(".writing-young"), entries(), "each writer deletes its own when closed");
    }

    @Test
    void aStoreOfAnotherReaderIsRebuiltNotUsed() throws Exception {
        try (CachePlan writing = cache(new Reader(RECORDS, Set.of()), ErrorPolicy.FAIL)) {
            epoch(writing, 0, new ArrayList<>());
        }
        Reader longer = new Reader(RECORDS + 3, Set.of());
        try (CachePlan other = cache(longer, ErrorPolicy.FAIL)) {
            assertFalse(other.readsStore(), "another record count is another fingerprint");
            assertEquals(RECORDS + 3, epoch(other, 0, new ArrayList<>()).size());
            assertTrue(other.readsStore());
        }
        assertEquals(RECORDS + 3, Manifest.readFrom(directory.resolve(StoreDirectory.STORE)).records());
        assertEquals(List.of(".lock", "store"), entries());
    }

    private List<String> entries() {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
