package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordException;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.dl4j.StoredImagesTest.Textures;
import io.dataseq.image.ImageSpec;
import io.dataseq.internal.store.StoreChunks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written one chunk at a time (as dataseq-spark's tasks write it, each chunk on its own, in any order) and
 * put together with its manifest is the store {@code writeStore} writes: byte for byte with as many records to a
 * chunk, and the same records, skips included, with smaller chunks.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class StoreChunksTest {
    private static final int RECORDS = 23;
    private static final ImageSpec SPEC = ImageSpec.builder(16, 16).mean(0.5).std(0.25).flipHorizontal(0.5).build();

    @TempDir
    Path directory;

    @Test
    void chunksWrittenApartAndAManifestAreTheStoreWriteStoreWritesByteForByte() throws IOException {
        Path local = directory.resolve("local");
        List<SkippedRecord> skippedLocally = StoredImagesTest.builder(new Textures(RECORDS, 4, 17), SPEC)
                .onError(ErrorPolicy.SKIP).workers(2).writeStore(local);

        StoreChunks chunks = StoredImagesTest.builder(new Textures(RECORDS, 4, 17), SPEC).onError(ErrorPolicy.SKIP)
                .storeChunks(0);
        assertEquals(1, chunks.chunks(), "as writeStore: one chunk of up to 64 MiB");
        Path assembled = assemble(chunks, directory.resolve("assembled"));

        assertEquals(files(local.resolve("store")), files(assembled.resolve("store")));
        for (String file : files(local.resolve("store"))) {
            assertArrayEquals(Files.readAllBytes(local.resolve("store").resolve(file)),
                    Files.readAllBytes(assembled.resolve("store").resolve(file)), file);
        }
        assertEquals(List.of(4, 17), records(skippedLocally));
    }

    @Test
    void smallerChunksHoldTheSameBytesAndTheStoreReadsTheSame() throws IOException {
        Path local = directory.resolve("local");
        StoredImagesTest.builder(new Textures(RECORDS, 9), SPEC).onError(ErrorPolicy.SKIP).writeStore(local);
        StoreChunks chunks = StoredImagesTest.builder(new Textures(RECORDS, 9), SPEC).onError(ErrorPolicy.SKIP)
                .storeChunks(5);
        assertEquals(5, chunks.chunks());
        assertEquals(chunks.fingerprint(), StoredImagesTest.builder(new Textures(RECORDS), SPEC).storeChunks(7)
                .fingerprint(), "the fingerprint is the reader's, whatever the chunks");
        Path assembled = assemble(chunks, directory.resolve("assembled"));

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int c = 0; c < 5; c++) {
            joined.write(Files.readAllBytes(assembled.resolve("store").resolve(StoreChunks.chunkFile(c))));
        }
        assertArrayEquals(Files.readAllBytes(local.resolve("store").resolve(StoreChunks.chunkFile(0))),
                joined.toByteArray());
        assertEquals(manifestBut(local), manifestBut(assembled), "the manifests differ in their chunks alone");

        List<List<float[]>> expected = StoredImagesTest.epochs(StoredImagesTest.fromStore(local, SPEC)
                .onError(ErrorPolicy.SKIP), 2);
        List<List<float[]>> read = StoredImagesTest.epochs(StoredImagesTest.fromStore(assembled, SPEC)
                .onError(ErrorPolicy.SKIP).workers(3), 2);
        assertEquals(expected.size(), read.size());
        for (int epoch = 0; epoch < expected.size(); epoch++) {
            assertEquals(expected.get(epoch).size(), read.get(epoch).size());
            for (int batch = 0; batch < expected.get(epoch).size(); batch++) {
                assertArrayEquals(expected.get(epoch).get(batch), read.get(epoch).get(batch));
            }
        }
    }

    @Test
    void aRecordThatFailsUnderFailNamesItselfAndLeavesNoChunkFile() {
        StoreChunks chunks = StoredImagesTest.builder(new Textures(RECORDS, 12), SPEC).storeChunks(5);
        Path file = directory.resolve(StoreChunks.chunkFile(2));
        RecordException e = assertThrows(RecordException.class, () -> chunks.write(2, file));
        assertEquals(12, e.record());
        assertTrue(e.getMessage().contains("record 12 is broken"), e.getMessage());
        assertEquals(List.of(), files(directory), "neither the chunk nor its writing directory is left");
    }

    @Test
    void aManifestNeedsEveryChunkOnce() {
        StoreChunks chunks = StoredImagesTest.builder(new Textures(RECORDS), SPEC).storeChunks(10);
        StoreChunks.Written first = chunks.write(0, directory.resolve(StoreChunks.chunkFile(0)));
        StoreChunks.Written second = chunks.write(1, directory.resolve(StoreChunks.chunkFile(1)));
        assertThrows(IllegalArgumentException.class, () -> chunks.writeManifest(List.of(first, second), directory));
        assertThrows(IllegalArgumentException.class,
                () -> chunks.writeManifest(List.of(first, second, second), directory));
        assertFalse(Files.exists(directory.resolve(StoreChunks.MANIFEST)));
        assertTrue(chunks.sameStore(directory).isEmpty());
    }

    /** Writes every chunk of {@code chunks}, the last first, and the manifest, into {@code root/store}. */
    private static Path assemble(StoreChunks chunks, Path root) throws IOException {
        Path store = Files.createDirectories(root.resolve(StoreChunks.STORE));
        List<StoreChunks.Written> written = new ArrayList<>();
        for (int c = chunks.chunks() - 1; c >= 0; c--) {
            written.add(chunks.write(c, store.resolve(StoreChunks.chunkFile(c))));
        }
        chunks.writeManifest(written, store);
        assertTrue(chunks.sameStore(store).isPresent());
        return root;
    }

    private static List<String> manifestBut(Path root) throws IOException {
        return Files.readAllLines(root.resolve("store").resolve(StoreChunks.MANIFEST)).stream()
                .filter(line -> !line.startsWith("chunk ") && !line.startsWith("records-per-chunk "))
                .collect(Collectors.toList());
    }

    private static List<Integer> records(List<SkippedRecord> skipped) {
        return skipped.stream().map(SkippedRecord::record).collect(Collectors.toList());
    }

    private static List<String> files(Path directory) {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
