package io.dataseq.internal.store;

import io.dataseq.internal.StoredPixelsMethod;
import io.dataseq.internal.store.StoreLayout.Field;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.zip.CRC32C;

/**
 * A sealed store, read through read-only memory mappings of its chunk files: a record's values are copied from the
 * page cache straight into a batch row, so a store larger than the heap (or than memory) is read like any other.
 *
 * <p>Each chunk's CRC32C is checked once, by the first read that touches it (workers racing to check one chunk both
 * compute the same answer); a chunk that fails fails every read of its records with an {@link IOException} naming
 * the chunk file, which the fetcher reports as that record's failure under the error policy.
 */
final class StoreReader {
    private static final int UNCHECKED = 0;
    private static final int GOOD = 1;
    private static final int BAD = 2;

    private final Path directory;
    private final Manifest manifest;
    private final MappedByteBuffer[] chunks;
    private final FloatBuffer[] chunkFloats;
    private final AtomicIntegerArray checked;
    private final Map<Integer, Manifest.Skip> skipped = new HashMap<>();

    private StoreReader(Path directory, Manifest manifest, MappedByteBuffer[] chunks) {
        this.directory = directory;
        this.manifest = manifest;
        this.chunks = chunks;
        this.chunkFloats = new FloatBuffer[chunks.length];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c].order(ByteOrder.LITTLE_ENDIAN); // before any worker sees it
            chunkFloats[c] = chunks[c].asFloatBuffer();
        }
        this.checked = new AtomicIntegerArray(chunks.length);
        for (Manifest.Skip skip : manifest.skipped()) {
            skipped.put(skip.record(), skip);
        }
    }

    /**
     * Opens the sealed store in {@code directory}.
     *
     * @throws IOException when it has no whole manifest, or a chunk file is missing or of another size
     */
    static StoreReader open(Path directory) throws IOException {
        Manifest manifest = Manifest.readFrom(directory);
        List<Manifest.Chunk> described = manifest.chunks();
        long expected = (long) manifest.records() * manifest.layout().recordBytes();
        long total = 0;
        MappedByteBuffer[] chunks = new MappedByteBuffer[described.size()];
        for (int c = 0; c < chunks.length; c++) {
            Path file = directory.resolve(described.get(c).file());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                if (channel.size() != described.get(c).bytes()) {
                    throw new IOException(file + " has " + channel.size() + " bytes; the manifest says "
                            + described.get(c).bytes());
                }
                chunks[c] = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            }
            total += described.get(c).bytes();
        }
        if (total != expected) {
            throw new IOException("the chunks of " + directory + " hold " + total + " bytes, not the " + expected
                    + " of " + manifest.records() + " records");
        }
        return new StoreReader(directory, manifest, chunks);
    }

    /** The store's directory. */
    Path directory() {
        return directory;
    }

    /** The manifest. */
    Manifest manifest() {
        return manifest;
    }

    /** The record count. */
    int records() {
        return manifest.records();
    }

    /** The record's description: the reader's, for a record skipped when the store was written; else its chunk. */
    String describe(int record) {
        Manifest.Skip skip = skipped.get(record);
        if (skip != null && skip.description() != null) {
            return skip.description();
        }
        return chunkFile(chunkOf(record)) + " of the store " + directory;
    }

    /** Copies {@code field}'s float32 values of {@code record} into {@code row}. */
    void readFloats(Field field, int record, FloatBuffer row) throws IOException {
        int chunk = checkedChunk(record);
        int at = (record % manifest.recordsPerChunk()) * manifest.layout().recordBytes() + field.offset();
        row.put(0, chunkFloats[chunk], at / Float.BYTES, field.length());
    }

    /** {@code field}'s 8-bit pixels of {@code record}: its chunk's mapping (read in place), and where they are. */
    StoredPixelsMethod.Pixels readPixels(Field field, int record) throws IOException {
        int chunk = checkedChunk(record);
        int at = (record % manifest.recordsPerChunk()) * manifest.layout().recordBytes() + field.offset();
        return new StoredPixelsMethod.Pixels(chunks[chunk], at);
    }

    /** {@code field}'s class index of {@code record}. */
    int readClass(Field field, int record) throws IOException {
        int chunk = checkedChunk(record);
        int at = (record % manifest.recordsPerChunk()) * manifest.layout().recordBytes() + field.offset();
        return chunks[chunk].getInt(at);
    }

    private int chunkOf(int record) {
        return record / manifest.recordsPerChunk();
    }

    private String chunkFile(int chunk) {
        return manifest.chunks().get(chunk).file();
    }

    /** The chunk of {@code record}, once the record is known to be readable and its chunk's checksum good. */
    private int checkedChunk(int record) throws IOException {
        Manifest.Skip skip = skipped.get(record);
        if (skip != null) {
            throw new IOException("record " + record + " was skipped when the store " + directory
                    + " was written: " + skip.message());
        }
        int chunk = chunkOf(record);
        int state = checked.get(chunk);
        if (state == UNCHECKED) {
            CRC32C crc = new CRC32C();
            crc.update(chunks[chunk].duplicate().clear());
            state = (int) crc.getValue() == manifest.chunks().get(chunk).crc32c() ? GOOD : BAD;
            checked.set(chunk, state);
        }
        if (state == BAD) {
            int first = chunk * manifest.recordsPerChunk();
            int last = Math.min(manifest.records(), first + manifest.recordsPerChunk()) - 1;
            throw new IOException(String.format(Locale.ROOT, "%s of the store %s fails its CRC32C check (the"
                    + " manifest says %08x): its records %d..%d cannot be trusted; delete the store to rebuild it",
                    chunkFile(chunk), directory, manifest.chunks().get(chunk).crc32c(), first, last));
        }
        return chunk;
    }
}
