package io.dataseq.internal.store;

import io.dataseq.DataSeqException;
import io.dataseq.SkippedRecord;
import io.dataseq.index.RecordSubset;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.fetch.BatchBuffers;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A record store written one chunk at a time by processes that share no disk ({@code dataseq-spark}'s tasks), then
 * put together: the store's shape for a reader (record count, records per chunk, fingerprint), one chunk written to
 * a local file from the reader's records (with its size, CRC32C and the records it skipped), and the manifest of the
 * chunks once every one is written. The files are those {@code writeStore} writes, by the same {@link StoreWriter}:
 * chunk files under their names ({@link #chunkFile}) and this manifest, in a directory named {@value #STORE}, are
 * byte for byte the store {@code writeStore} writes with as many records to a chunk.
 *
 * <p>Not API: for DataSeq's own modules; it may change in any release. A generated builder's
 * {@code storeChunks(recordsPerChunk)} makes one.
 */
public final class StoreChunks {
    /** The name of a published store's directory in the directory given to {@code writeStore} or {@code fromStore}. */
    public static final String STORE = StoreDirectory.STORE;

    /** The name of the manifest in a store's directory. */
    public static final String MANIFEST = Manifest.FILE;

    private final PlanSource source;
    private final PlanSettings settings;
    private final StoreLayout layout;
    private final int records;
    private final int recordsPerChunk;
    private final String fingerprint;

    private StoreChunks(PlanSource source, PlanSettings settings, int recordsPerChunk) {
        this.source = source;
        this.settings = settings;
        this.layout = StoreLayout.of(source.outputs());
        PassPlan counting = source.plan(withSubset(settings, null));
        try {
            this.records = counting.records();
        } finally {
            counting.close();
        }
        this.recordsPerChunk = recordsPerChunk == 0
                ? StoreWriter.recordsPerChunk(records, layout, CachePlan.CHUNK_BYTES) : recordsPerChunk;
        this.fingerprint = StoreLayout.fingerprint(source.outputs(), records);
    }

    /**
     * The chunks of the store of {@code source}'s records, read with {@code settings} (their error policy, seed and
     * batch size; every record, in order, whatever their shard or subset), {@code recordsPerChunk} records to a chunk,
     * or, when 0, as many as {@code writeStore} puts in one (about 64 MiB).
     */
    public static StoreChunks over(PlanSource source, PlanSettings settings, int recordsPerChunk) {
        if (recordsPerChunk < 0) {
            throw new IllegalArgumentException("recordsPerChunk must be at least 1, or 0 for the default, not "
                    + recordsPerChunk);
        }
        return new StoreChunks(Objects.requireNonNull(source, "source"), Objects.requireNonNull(settings, "settings"),
                recordsPerChunk);
    }

    /** The reader's record count. */
    public int records() {
        return records;
    }

    /** The records of each chunk but the last. */
    public int recordsPerChunk() {
        return recordsPerChunk;
    }

    /** The number of chunks. */
    public int chunks() {
        return (records + recordsPerChunk - 1) / recordsPerChunk;
    }

    /**
     * What the store depends on (the format version, the reader's outputs and record count), a SHA-256 in hex: two
     * processes whose readers differ in either make different fingerprints.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** The file name of chunk {@code chunk} in a store's directory. */
    public static String chunkFile(int chunk) {
        return StoreWriter.chunkName(chunk);
    }

    /**
     * Reads the records of chunk {@code chunk} from the reader, in record order on the caller's thread, under the
     * settings' error policy, and writes them to {@code file} (a new file on a local disk), with no manifest of its
     * own.
     *
     * @return its size, CRC32C and skipped records, for the manifest
     * @throws io.dataseq.RecordException when a record fails under {@code FAIL} ({@code file} is not made)
     * @throws DataSeqException when the disk fails
     */
    public Written write(int chunk, Path file) {
        if (chunk < 0 || chunk >= chunks()) {
            throw new IllegalArgumentException("no chunk " + chunk + " of " + chunks());
        }
        Path parent = file.toAbsolutePath().getParent();
        Path writing;
        try {
            writing = Files.createTempDirectory(parent, ".chunk-" + chunk + "-");
        } catch (IOException e) {
            throw new DataSeqException("could not make a directory for chunk " + chunk + " in " + parent + ": " + e,
                    e);
        }
        try {
            StoreWriter writer = StoreWriter.createChunk(writing, layout, fingerprint, records, recordsPerChunk,
                    chunk, StoreWriter.NEW_FILES);
            try {
                int first = chunk * recordsPerChunk;
                int last = Math.min(records, first + recordsPerChunk);
                PassPlan plan = writer.keepingPixels(source).plan(withSubset(settings, RecordSubset.range(first,
                        last)));
                try {
                    BatchBuffers buffers = plan.newBuffers();
                    BatchLoader<BatchBuffers> loader = plan.pass(0, 0);
                    for (int batch = 0; batch < plan.batches(0); batch++) {
                        loader.load(batch, buffers);
                        writer.put(buffers);
                    }
                } finally {
                    plan.close();
                }
            } catch (Exception e) {
                writer.abandon();
                throw e instanceof RuntimeException runtime ? runtime
                        : new DataSeqException("could not write chunk " + chunk + ": " + e, e);
            }
            Manifest sealed = writer.describe(); // the store's manifest is the driver's: none for one chunk
            Manifest.Chunk written = sealed.chunks().get(0);
            Files.move(writing.resolve(written.file()), file, StandardCopyOption.ATOMIC_MOVE);
            List<Skipped> skipped = new ArrayList<>();
            for (Manifest.Skip skip : sealed.skipped()) {
                skipped.add(new Skipped(skip.record(), skip.description(), skip.message()));
            }
            return new Written(chunk, written.bytes(), written.crc32c(), skipped);
        } catch (IOException e) {
            throw new DataSeqException("could not move chunk " + chunk + " to " + file + ": " + e, e);
        } finally {
            StoreDirectory.delete(writing);
        }
    }

    /**
     * Writes the manifest of a store made of {@code chunks}, every chunk once (in any order), into {@code directory}
     * as {@value #MANIFEST}: a temporary file, forced to disk, then renamed.
     *
     * @return the records the chunks skipped, in record order
     * @throws IllegalArgumentException when a chunk is missing or given twice
     * @throws DataSeqException when the disk fails
     */
    public List<SkippedRecord> writeManifest(List<Written> chunks, Path directory) {
        List<Written> ordered = new ArrayList<>(chunks);
        ordered.sort(Comparator.comparingInt(Written::chunk));
        List<Manifest.Chunk> described = new ArrayList<>();
        List<Manifest.Skip> skipped = new ArrayList<>();
        for (int c = 0; c < ordered.size(); c++) {
            Written chunk = ordered.get(c);
            if (chunk.chunk() != c) {
                throw new IllegalArgumentException("chunk " + c + " of " + chunks() + " is "
                        + (chunk.chunk() < c ? "given twice" : "missing"));
            }
            described.add(new Manifest.Chunk(chunkFile(c), chunk.bytes(), chunk.crc32c()));
            for (Skipped skip : chunk.skipped()) {
                skipped.add(new Manifest.Skip(skip.record(), skip.description(), skip.message()));
            }
        }
        if (ordered.size() != chunks()) {
            throw new IllegalArgumentException(ordered.size() + " chunks given; the store has " + chunks());
        }
        skipped.sort(Comparator.comparingInt(Manifest.Skip::record));
        Manifest manifest = new Manifest(StoreLayout.FORMAT_VERSION, fingerprint, records, layout, recordsPerChunk,
                described, skipped);
        try {
            manifest.writeTo(directory);
        } catch (IOException e) {
            throw new DataSeqException("could not write the manifest of the store in " + directory + ": " + e, e);
        }
        return skippedRecords(manifest);
    }

    /**
     * The records skipped when the store whose manifest is in {@code directory} was written, when it is a whole
     * manifest of this store (of this fingerprint); empty otherwise (none, another reader's, one cut short).
     */
    public Optional<List<SkippedRecord>> sameStore(Path directory) {
        try {
            Manifest manifest = Manifest.readFrom(directory);
            return manifest.fingerprint().equals(fingerprint) ? Optional.of(skippedRecords(manifest))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<SkippedRecord> skippedRecords(Manifest manifest) {
        List<SkippedRecord> skipped = new ArrayList<>();
        for (Manifest.Skip skip : manifest.skipped()) {
            skipped.add(new SkippedRecord(0, skip.record(), skip.description(),
                    new DataSeqException(skip.message(), null)));
        }
        return skipped;
    }

    private static PlanSettings withSubset(PlanSettings settings, RecordSubset subset) {
        return new PlanSettings(settings.batchSize(), false, settings.seed(), false, 0, 1, settings.remainder(),
                subset, settings.onError(), false, null, false, settings.checkFinite());
    }

    /**
     * A chunk as written: what the manifest says of it. Serializable, to travel from the process that wrote it.
     *
     * @param chunk its number
     * @param bytes its size
     * @param crc32c the CRC32C of its bytes
     * @param skipped the records of it that could not be read, in record order
     */
    public record Written(int chunk, long bytes, int crc32c, List<Skipped> skipped) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Copies {@code skipped}. */
        public Written {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * A record that could not be read when its chunk was written.
     *
     * @param record the record number
     * @param description the reader's description of it, or null
     * @param message what the reader threw
     */
    public record Skipped(int record, String description, String message) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
