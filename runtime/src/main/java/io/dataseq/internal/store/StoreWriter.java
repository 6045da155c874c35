package io.dataseq.internal.store;

import io.dataseq.DataSeqException;
import io.dataseq.SkippedRecord;
import io.dataseq.internal.Output;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.StoredPixelsMethod;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.store.StoreLayout.Encoding;
import io.dataseq.internal.store.StoreLayout.Field;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.ClosedChannelException;
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
 * every record is written or skipped, {@link #seal() sealed}: checksummed, and described by a
 * manifest written last.
 *
 * <p>The chunk files are made at their full size, sparse (a file system that cannot make one fails there, as an
 * exception naming the file), after the disk's free space was checked; a disk that fills up later fails the write
 * that found it full, naming the file. Writing zeros first cost the writing epoch a tenth of its time (measured here).
 * Each worker stages the records of the batch it reads (an image's
 * pixels are decoded straight into its row of the staging), and writes them with positional writes ({@code pwrite}:
 * no file position, no lock between workers), one for each run of records that follow one another, not through a
 * memory mapping: the first write to each page of a shared
 * mapping of a new file costs the file system a fault (4x the time of a positional write, measured here). A channel
 * that an interrupt closes (another worker's, or a consumer's that reads on its own thread) is opened again, and the
 * write is done with the interrupt put aside and restored after it: a record is never half written.
 *
 * <p>Each chunk's CRC32C is taken as its bytes are written, while its runs arrive in order (a pass in record order,
 * the usual first epoch); {@link #seal()} reads back from the file only what came out of order, was skipped, or was
 * written twice (a record written again may differ: the checksum is then taken from the file, whole). Reading every
 * chunk back at the seal cost the consumer a tenth of the writing epoch (page faults, measured here).
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

    private final Path directory;
    private final StoreLayout layout;
    private final String fingerprint;
    private final int records;
    private final int recordsPerChunk;
    private final int first; // the first record this writer holds: 0, or the first of the one chunk it writes
    private final Path[] files;
    private final FileChannel[] chunks; // opened again when an interrupt closes one
    /** Each chunk's checksum of its bytes up to {@link #checkedUpTo} (guarded by the chunk's checksum). */
    private final CRC32C[] checksums;
    /** How many of each chunk's first bytes its checksum covers, or -1 when it is to be taken from the file. */
    private final long[] checkedUpTo;
    /** Each worker's records of the batch it is reading, whole, written with one positional write per run. */
    private final ThreadLocal<ByteBuffer[]> staging = ThreadLocal.withInitial(() -> new ByteBuffer[1]);
    private final AtomicIntegerArray states;
    private final AtomicInteger missing;
    private final Map<Integer, Manifest.Skip> skips = new ConcurrentHashMap<>();
    // Workers put under the read lock (any number at once, each its own records); seal() takes the write lock, so no
    // put is half done when the checksums are taken, and none comes after (a cancelled pass's late batch is dropped).
    private final ReadWriteLock sealing = new ReentrantReadWriteLock();
    private boolean closed;

    private StoreWriter(Path directory, StoreLayout layout, String fingerprint, int records, int recordsPerChunk,
            int first, Path[] files, FileChannel[] chunks) {
        this.directory = directory;
        this.layout = layout;
        this.fingerprint = fingerprint;
        this.records = records;
        this.recordsPerChunk = recordsPerChunk;
        this.first = first;
        this.files = files;
        this.chunks = chunks;
        this.checksums = new CRC32C[chunks.length];
        for (int c = 0; c < chunks.length; c++) {
            checksums[c] = new CRC32C();
        }
        this.checkedUpTo = new long[chunks.length];
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
        Path[] paths = new Path[chunkCount];
        FileChannel[] chunks = new FileChannel[chunkCount];
        try {
            for (int c = 0; c < chunkCount; c++) {
                int inChunk = Math.min(recordsPerChunk, records - c * recordsPerChunk);
                paths[c] = directory.resolve(chunkName(c));
                chunks[c] = makeChunk(paths[c], (long) inChunk * layout.recordBytes(), files);
            }
        } catch (RuntimeException e) {
            closeAll(chunks);
            throw e;
        }
        return new StoreWriter(directory, layout, fingerprint, records, recordsPerChunk, 0, paths, chunks);
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
        Path path = directory.resolve(chunkName(chunk));
        FileChannel file = makeChunk(path, (long) inChunk * layout.recordBytes(), files);
        return new StoreWriter(directory, layout, fingerprint, inChunk, recordsPerChunk, first, new Path[] {path},
                new FileChannel[] {file});
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
            writeRows(filled);
            for (int row = 0; row < filled.rows(); row++) {
                int record = filled.record(row);
                int before = states.getAndSet(record - first, WRITTEN);
                if (before == MISSING) {
                    missing.decrementAndGet();
                } else {
                    forgetChecksum((record - first) / recordsPerChunk); // its bytes may differ from the first time
                    if (before == SKIPPED) {
                        skips.remove(record);
                    }
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
     * Where the calling thread puts the 8-bit pixels of the image {@code field} of the record in row {@code row} of
     * the batch it is reading: its staging of that row, which {@link #put} writes whole. Valid on this thread until
     * that batch is put.
     */
    StoredPixelsMethod.Pixels stage(int row, Field field) {
        return new StoredPixelsMethod.Pixels(staging(row + 1), row * layout.recordBytes() + field.offset());
    }

    /** The calling thread's staging, grown to at least {@code rows} records. */
    private ByteBuffer staging(int rows) {
        ByteBuffer[] mine = staging.get();
        long bytes = (long) rows * layout.recordBytes();
        if (mine[0] == null || mine[0].capacity() < bytes) {
            ByteBuffer grown = ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE - 8, Math.max(bytes,
                    mine[0] == null ? 0 : 2L * mine[0].capacity()))).order(ByteOrder.LITTLE_ENDIAN);
            if (mine[0] != null) {
                grown.put(0, mine[0], 0, mine[0].capacity());
            }
            mine[0] = grown;
        }
        return mine[0];
    }

    /**
     * Takes the chunks' checksums and writes the manifest, last. The chunks are not forced to disk (nor are they by
     * tf.data's snapshot, FFCV or MosaicML's writers): a process that dies loses nothing the kernel has, and a power
     * cut that loses chunk pages is caught by their checksums when they are read.
     *
     * @throws IllegalStateException when a record is neither written nor skipped
     * @throws DataSeqException when the disk fails
     */
    Manifest seal() {
        Manifest manifest = describe();
        try {
            manifest.writeTo(directory);
        } catch (IOException e) {
            throw new DataSeqException("could not finish the store in " + directory + ": " + e, e);
        }
        return manifest;
    }

    /**
     * Takes the chunks' checksums and closes the writer, as {@link #seal()} does, but writes no manifest: what a
     * writer of one chunk of a store whose manifest is written elsewhere ({@link StoreChunks}) returns.
     *
     * @throws IllegalStateException when a record is neither written nor skipped
     * @throws DataSeqException when the disk fails
     */
    Manifest describe() {
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
                try (FileChannel chunk = FileChannel.open(files[c], StandardOpenOption.READ)) {
                    CRC32C crc = checksums[c];
                    long from = checkedUpTo[c];
                    if (from < 0) {
                        crc.reset();
                        from = 0;
                    }
                    if (from < chunk.size()) {
                        crc.update(chunk.map(FileChannel.MapMode.READ_ONLY, from, chunk.size() - from));
                    }
                    described.add(new Manifest.Chunk(chunkName(first / recordsPerChunk + c), chunk.size(),
                            (int) crc.getValue()));
                }
            }
            closeAll(chunks);
            List<Manifest.Skip> skipped = new ArrayList<>(skips.values());
            skipped.sort(Comparator.comparingInt(Manifest.Skip::record));
            return new Manifest(StoreLayout.FORMAT_VERSION, fingerprint, records, layout, recordsPerChunk, described,
                    skipped);
        } catch (IOException e) {
            throw new DataSeqException("could not finish the store in " + directory + ": " + e, e);
        } finally {
            sealing.writeLock().unlock();
        }
    }

    /**
     * {@code source} with each image output decoding the 8-bit pixels it keeps straight into this writer's staging
     * ({@link #stage}): what a pass that writes this store reads through.
     */
    PlanSource keepingPixels(PlanSource source) {
        return source.mapped(new ReaderBinding.OutputMapping() {
            @Override
            public <R> Output<R> map(Output<R> output, boolean label, int index) {
                Field field = layout.field(label, index);
                return output.storingPixels(row -> stage(row, field));
            }
        });
    }

    /** Stops writing without sealing; the caller deletes the directory. */
    void abandon() {
        sealing.writeLock().lock();
        try {
            closed = true;
            closeAll(chunks);
        } finally {
            sealing.writeLock().unlock();
        }
    }

    /**
     * Writes {@code bytes} (position to limit) at {@code at} of chunk {@code chunk}, whole, whatever interrupts
     * arrive: the thread's interrupt is put aside during the write and restored after it, and a channel closed by an
     * interrupt (this thread's, or another's during its write) is opened again. Called under the read lock.
     */
    private void writeAt(int chunk, long at, ByteBuffer bytes) {
        boolean interrupted = Thread.interrupted();
        try {
            long start = at - bytes.position();
            while (bytes.hasRemaining()) {
                FileChannel channel = chunks[chunk];
                try {
                    channel.write(bytes, start + bytes.position());
                } catch (ClosedChannelException e) {
                    interrupted |= Thread.interrupted();
                    reopen(chunk, channel);
                }
            }
        } catch (IOException e) {
            throw new DataSeqException("could not write to the store's chunk file " + files[chunk] + ": " + e, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reopen(int chunk, FileChannel closedOne) throws IOException {
        synchronized (chunks) {
            if (chunks[chunk] == closedOne) {
                chunks[chunk] = FileChannel.open(files[chunk], StandardOpenOption.WRITE);
            }
        }
    }

    private static void closeAll(FileChannel[] channels) {
        for (FileChannel channel : channels) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // closing a channel that was only written: nothing is lost that the write did not report
            }
        }
    }

    /**
     * Completes each row's staged record with its values from the batch (the image fields are staged already), and
     * writes the records, one positional write for each run of rows whose records follow one another in a chunk
     * (a whole batch, when read in order).
     */
    private void writeRows(BatchBuffers filled) {
        int rows = filled.rows();
        int recordBytes = layout.recordBytes();
        ByteBuffer staged = staging(Math.max(rows, 1));
        FloatBuffer stagedFloats = staged.asFloatBuffer();
        for (int row = 0; row < rows; row++) {
            for (Field field : layout.fields()) {
                FloatBuffer values = field.label() ? filled.labelValues(field.index())
                        : filled.featureValues(field.index());
                int length = field.length();
                int at = row * recordBytes + field.offset();
                if (field.encoding() == Encoding.FLOAT32) {
                    stagedFloats.put(at / Float.BYTES, values, row * length, length);
                } else if (field.encoding() == Encoding.INT32_CLASS) {
                    staged.putInt(at, classOf(values, row * length, length));
                } // an image's pixels were staged by the output that decoded them
            }
        }
        for (int from = 0; from < rows; ) {
            int record = filled.record(from);
            int last = from;
            while (last + 1 < rows && filled.record(last + 1) == filled.record(last) + 1
                    && filled.record(last + 1) / recordsPerChunk == record / recordsPerChunk) {
                last++;
            }
            ByteBuffer run = staged.duplicate().limit((last + 1) * recordBytes).position(from * recordBytes);
            int chunk = (record - first) / recordsPerChunk;
            long at = (long) (record % recordsPerChunk) * recordBytes;
            ByteBuffer written = run.duplicate();
            writeAt(chunk, at, run);
            extendChecksum(chunk, at, written); // once on disk: a write that failed is not in the checksum
            from = last + 1;
        }
    }

    /** Adds {@code bytes}, just written at {@code at} of {@code chunk}, to its checksum if they follow what it has. */
    private void extendChecksum(int chunk, long at, ByteBuffer bytes) {
        synchronized (checksums[chunk]) {
            if (checkedUpTo[chunk] == at) {
                int length = bytes.remaining();
                checksums[chunk].update(bytes);
                checkedUpTo[chunk] = at + length;
            }
        }
    }

    /** Leaves {@code chunk}'s checksum to be taken from its file, whole, when the store is sealed. */
    private void forgetChecksum(int chunk) {
        synchronized (checksums[chunk]) {
            checkedUpTo[chunk] = -1;
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

    private static FileChannel makeChunk(Path file, long bytes, ChunkFiles files) {
        FileChannel channel = null;
        try {
            channel = files.open(file);
            if (bytes > 0) {
                ByteBuffer lastByte = ByteBuffer.allocate(1);
                while (lastByte.hasRemaining()) {
                    channel.write(lastByte, bytes - 1); // the file at its full size, its holes read as zeros
                }
            }
            return channel;
        } catch (IOException e) {
            closeAll(new FileChannel[] {channel});
            throw new DataSeqException("could not make the store's chunk file " + file + " of " + bytes
                    + " bytes (is the disk full?): " + e, e);
        }
    }
}
