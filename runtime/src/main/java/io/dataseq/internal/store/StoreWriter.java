package io.dataseq.internal.store;

import io.dataseq.DataSeqException;
import io.dataseq.SkippedRecord;
import io.dataseq.internal.Output;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.store.StoreLayout.Encoding;
import io.dataseq.internal.store.StoreLayout.Field;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;

/**
 * Writes a store into a directory of its own (a temporary one, which {@link StoreDirectory} publishes): chunk files
 * made at their full size up front, filled in any order by any number of workers as batches are read, and, once
 * every record is written or skipped, {@link #seal() sealed}: forced to disk, checksummed, and described by a
 * manifest written last.
 *
 * <p>The chunk files are written with zeros when they are made, so that a disk too small fails there, as an
 * exception naming the file, rather than as a fault in a mapped write later. Records are then written through
 * memory mappings of them (absolute puts: no file position, no lock between workers, and no channel for an interrupt
 * to close).
 */
final class StoreWriter {
    /** Opens a chunk file for reading and writing; tests make it fail as a full disk does. */
    @FunctionalInterface
    interface ChunkFiles {
        FileChannel open(Path file) throws IOException;
    }

    static final ChunkFiles NEW_FILES = file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ, StandardOpenOption.WRITE);

    private static final int MISSING = 0;
    private static final int WRITTEN = 1;
    private static final int SKIPPED = 2;
    private static final int ZEROS = 1 << 20;

    private final Path directory;
    private final StoreLayout layout;
    private final String fingerprint;
    private final int records;
    private final int recordsPerChunk;
    private final int first; // the first record this writer holds: 0, or the first of the one chunk it writes
    private final MappedByteBuffer[] chunks;
    private final FloatBuffer[] chunkFloats;
    private final AtomicIntegerArray states;
    private final AtomicInteger missing;
    private final Map<Integer, Manifest.Skip> skips = new ConcurrentHashMap<>();
    // Workers put under the read lock (any number at once, each its own records); seal() takes the write lock, so no
    // put is half done when the checksums are taken, and none comes after (a cancelled pass's late batch is dropped).
    private final ReadWriteLock sealing = new ReentrantReadWriteLock();
    private boolean closed;

    private StoreWriter(Path directory, StoreLayout layout, String fingerprint, int records, int recordsPerChunk,
            int first, MappedByteBuffer[] chunks) {
        this.directory = directory;
        this.layout = layout;
        this.fingerprint = fingerprint;
        this.records = records;
        this.recordsPerChunk = recordsPerChunk;
        this.first = first;
        this.chunks = chunks;
        this.chunkFloats = new FloatBuffer[chunks.length];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c].order(ByteOrder.LITTLE_ENDIAN); // before any worker sees it
            chunkFloats[c] = chunks[c].asFloatBuffer();
        }
        this.states = new AtomicIntegerArray(records);
        this.missing = new AtomicInteger(records);
    }

    /**
     * Makes the chunk files of {@code records} records of {@code layout} in {@code directory} (which must exist and
     * be empty), each at most about {@code chunkBytes} bytes.
     *
     * @throws DataSeqException when the disk has not the room, or a file cannot be made
     */
    static StoreWriter create(Path directory, StoreLayout layout, String fingerprint, int records, long chunkBytes,
            ChunkFiles files) {
        int recordsPerChunk = recordsPerChunk(records, layout, chunkBytes);
        int chunkCount = (records + recordsPerChunk - 1) / recordsPerChunk;
        long total = (long) records * layout.recordBytes();
        try {
            long usable = Files.getFileStore(directory).getUsableSpace();
            if (usable < total) {
                throw new DataSeqException(String.format(Locale.ROOT, "the store of %d records needs %d bytes in %s,"
                        + " but the disk has only %d free: free some space, or cache to another disk",
                        records, total, directory, usable), null);
            }
        } catch (IOException e) {
            throw new DataSeqException("could not ask the disk of " + directory + " for its free space: " + e, e);
        }
        MappedByteBuffer[] chunks = new MappedByteBuffer[chunkCount];
        for (int c = 0; c < chunkCount; c++) {
            int inChunk = Math.min(recordsPerChunk, records - c * recordsPerChunk);
            chunks[c] = makeChunk(directory.resolve(chunkName(c)), (long) inChunk * layout.recordBytes(), files);
        }
        return new StoreWriter(directory, layout, fingerprint, records, recordsPerChunk, 0, chunks);
    }

    /**
     * Makes the file of chunk {@code chunk} alone of a store of {@code records} records of {@code layout}, with
     * {@code recordsPerChunk} records to a chunk, in {@code directory} (which must exist and be empty): a writer of
     * that chunk's records only, for a store whose chunks are written by several processes. Its {@link #seal()}
     * describes that one chunk, and its manifest that one chunk's records.
     *
     * @throws DataSeqException when the file cannot be made (a full disk)
     */
    static StoreWriter createChunk(Path directory, StoreLayout layout, String fingerprint, int records,
            int recordsPerChunk, int chunk, ChunkFiles files) {
        int first = Math.multiplyExact(chunk, recordsPerChunk);
        if (chunk < 0 || first >= records) {
            throw new IllegalArgumentException("no chunk " + chunk + " in a store of " + records + " records, "
                    + recordsPerChunk + " to a chunk");
        }
        int inChunk = Math.min(recordsPerChunk, records - first);
        MappedByteBuffer file = makeChunk(directory.resolve(chunkName(chunk)), (long) inChunk * layout.recordBytes(),
                files);
        return new StoreWriter(directory, layout, fingerprint, inChunk, recordsPerChunk, first,
                new MappedByteBuffer[] {file});
    }

    /** The records of each chunk but the last, for chunks of about {@code chunkBytes} bytes (at least one record). */
    static int recordsPerChunk(int records, StoreLayout layout, long chunkBytes) {
        int recordBytes = Math.max(1, layout.recordBytes());
        return (int) Math.max(1, Math.min(Math.max(records, 1), chunkBytes / recordBytes));
    }

    static String chunkName(int chunk) {
        return String.format(Locale.ROOT, "chunk-%05d.bin", chunk);
    }

    /** The directory being written. */
    Path directory() {
        return directory;
    }

    /** Whether every record has been written or skipped. */
    boolean complete() {
        return missing.get() == 0;
    }

    /** Whether {@code record} has been written or skipped. */
    boolean has(int record) {
        return states.get(record - first) != MISSING;
    }

    /**
     * Keeps the rows {@code filled} holds (each row's record, as {@link BatchBuffers#record} says) and the records it
     * skipped. Called by workers, several at once, each with its own buffers; does nothing once sealed or closed.
     */
    void put(BatchBuffers filled) {
        sealing.readLock().lock();
        try {
            if (closed) {
                return;
            }
            for (int row = 0; row < filled.rows(); row++) {
                int record = filled.record(row);
                write(record, filled, row);
                int before = states.getAndSet(record - first, WRITTEN);
                if (before == MISSING) {
                    missing.decrementAndGet();
                } else if (before == SKIPPED) {
                    skips.remove(record);
                }
            }
            for (SkippedRecord skipped : filled.skipped()) {
                int record = skipped.record();
                if (states.compareAndSet(record - first, MISSING, SKIPPED)) {
                    skips.put(record, new Manifest.Skip(record, skipped.description(),
                            String.valueOf(skipped.cause())));
                    missing.decrementAndGet();
                }
            }
        } finally {
            sealing.readLock().unlock();
        }
    }

    /**
     * Keeps {@code record}'s 8-bit pixels of the image {@code field}: the bytes from {@code pixels}' position to its
     * limit. The record counts as written once its batch is {@link #put}. Called by workers, several at once; does
     * nothing once sealed or closed.
     */
    void putPixels(int record, Field field, ByteBuffer pixels) {
        sealing.readLock().lock();
        try {
            if (closed) {
                return;
            }
            int at = (record % recordsPerChunk) * layout.recordBytes() + field.offset();
            chunks[(record - first) / recordsPerChunk].put(at, pixels, pixels.position(), field.length());
        } finally {
            sealing.readLock().unlock();
        }
    }

    /**
     * Forces the chunks to disk, takes their checksums and writes the manifest, last.
     *
     * @throws IllegalStateException when a record is neither written nor skipped
     * @throws DataSeqException when the disk fails
     */
    Manifest seal() {
        sealing.writeLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the store in " + directory + " is already sealed or abandoned");
            }
            if (missing.get() != 0) {
                throw new IllegalStateException(missing.get() + " records of the store in " + directory
                        + " are not written yet");
            }
            closed = true;
            List<Manifest.Chunk> described = new ArrayList<>();
            for (int c = 0; c < chunks.length; c++) {
                chunks[c].force();
                CRC32C crc = new CRC32C();
                crc.update(chunks[c].duplicate().clear());
                described.add(new Manifest.Chunk(chunkName(first / recordsPerChunk + c), chunks[c].capacity(),
                        (int) crc.getValue()));
            }
            List<Manifest.Skip> skipped = new ArrayList<>(skips.values());
            skipped.sort(Comparator.comparingInt(Manifest.Skip::record));
            Manifest manifest = new Manifest(StoreLayout.FORMAT_VERSION, fingerprint, records, layout,
                    recordsPerChunk, described, skipped);
            manifest.writeTo(directory);
            return manifest;
        } catch (IOException e) {
            throw new DataSeqException("could not finish the store in " + directory + ": " + e, e);
        } finally {
            sealing.writeLock().unlock();
        }
    }

    /**
     * {@code source} with each image output sending the 8-bit pixels it keeps to this writer ({@link #putPixels}):
     * what a pass that writes this store reads through.
     */
    PlanSource keepingPixels(PlanSource source) {
        return source.mapped(new ReaderBinding.OutputMapping() {
            @Override
            public <R> Output<R> map(Output<R> output, boolean label, int index) {
                Field field = layout.field(label, index);
                return output.storingPixels((record, bytes) -> putPixels(record, field, bytes));
            }
        });
    }

    /** Stops writing without sealing; the caller deletes the directory. */
    void abandon() {
        sealing.writeLock().lock();
        try {
            closed = true;
        } finally {
            sealing.writeLock().unlock();
        }
    }

    private void write(int record, BatchBuffers filled, int row) {
        int chunk = (record - first) / recordsPerChunk;
        int base = (record % recordsPerChunk) * layout.recordBytes();
        for (Field field : layout.fields()) {
            FloatBuffer values = field.label() ? filled.labelValues(field.index()) : filled.featureValues(field.index());
            int length = field.length();
            int from = row * length;
            int at = base + field.offset();
            if (field.encoding() == Encoding.FLOAT32) {
                chunkFloats[chunk].put(at / Float.BYTES, values, from, length);
            } else if (field.encoding() == Encoding.INT32_CLASS) {
                chunks[chunk].putInt(at, classOf(values, from, length));
            } // an image's pixels came by putPixels: the batch holds them augmented and scaled
        }
    }

    /** The class a one-hot row stands for: the index of its largest value (its only 1). */
    private static int classOf(FloatBuffer values, int from, int classes) {
        int best = 0;
        for (int i = 1; i < classes; i++) {
            if (values.get(from + i) > values.get(from + best)) {
                best = i;
            }
        }
        return best;
    }

    private static MappedByteBuffer makeChunk(Path file, long bytes, ChunkFiles files) {
        try (FileChannel channel = files.open(file)) {
            ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(ZEROS, Math.max(bytes, 1)));
            for (long at = 0; at < bytes; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
                at += channel.write(zeros, at);
            }
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
        } catch (IOException e) {
            throw new DataSeqException("could not make the store's chunk file " + file + " of " + bytes
                    + " bytes (is the disk full?): " + e, e);
        }
    }
}
