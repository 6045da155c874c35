package io.dataseq.internal.store;

import io.dataseq.DataSeqException;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.index.RecordSubset;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.core.PassPlan;
import io.dataseq.internal.core.PlanSettings;
import io.dataseq.internal.core.PlanSource;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.fetch.BatchBuffers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The plan of a sequence built with {@code cache(directory)}: reads the store in the directory when one of the
 * reader's fingerprint is there; otherwise reads the reader and writes what it reads through to a new store, which
 * is sealed and published as soon as every record is in it, and read from then on.
 *
 * <p>The first pass (usually epoch 0) reads the reader, as a sequence without a cache would, and keeps each batch's
 * rows. A record the pass did not read (another shard's, one outside the subset, one after a {@code reset()} in
 * the middle of the epoch) is read when the next pass starts, before its first batch, in record order; then the store
 * is sealed and that pass reads it. A store whose fingerprint differs (another reader, other outputs or image
 * settings, another record count) is never used: it is rebuilt, with a log line.
 *
 * <p>Called by the core under its lock, like any plan; the write-through loader runs on the workers, several at
 * once, and only puts rows into the {@link StoreWriter}, which takes them from any number of threads.
 */
public final class CachePlan implements PassPlan {
    /** The size a chunk file grows to, about. */
    static final long CHUNK_BYTES = 64L << 20;

    private static final System.Logger LOG = System.getLogger("io.dataseq.store");
    private static final int FILL_BATCH = 64;

    private final PlanSource source;
    private final PlanSettings settings;
    private final StoreDirectory directory;
    private final String fingerprint;
    private final int records;
    private PlanSource storing; // the reader, its images sending their pixels to the writer
    private PassPlan readerPlan; // until the store is read
    private StoreWriter writer; // while a store is being written
    private StoreDirectory.Writing writing; // the writer's directory
    private boolean wroteThrough;
    private PassPlan storePlan; // once the store is read
    private StoreReader stored; // the store storePlan reads

    private CachePlan(PlanSource source, PlanSettings settings, StoreDirectory directory, long chunkBytes,
            StoreWriter.ChunkFiles files) {
        this.source = source;
        this.settings = settings;
        this.directory = directory;
        ReaderBinding<?> outputs = source.outputs();
        PassPlan counting = everyRecord(source);
        try {
            this.records = counting.records();
        } finally {
            counting.close();
        }
        this.fingerprint = StoreLayout.fingerprint(outputs, records);
        String published = directory.publishedFingerprint();
        if (fingerprint.equals(published)) {
            try {
                this.stored = StoreReader.open(directory.store());
                this.storePlan = StorePlan.over(stored, settings, outputs);
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the store in {0} cannot be read ({1}): rebuilding it",
                        directory.store(), e.getMessage());
            }
        } else if (published != null) {
            LOG.log(System.Logger.Level.INFO, "the store in {0} was made from another reader or other settings"
                    + " (fingerprint {1}, this sequence''s is {2}): rebuilding it", directory.store(), published,
                    fingerprint);
        }
        this.writing = directory.newWriting();
        StoreLayout layout = StoreLayout.of(outputs);
        try {
            this.writer = StoreWriter.create(writing.directory(), layout, fingerprint, records, chunkBytes, files);
        } catch (RuntimeException e) {
            writing.release();
            StoreDirectory.delete(writing.directory());
            throw e;
        }
        this.storing = writer.keepingPixels(source);
        this.readerPlan = storing.plan(settings);
    }

    /**
     * The plan of {@code settings} over {@code source}'s reader, cached in {@code directory}.
     *
     * @throws UnsupportedOperationException when the reader cannot be cached: a stream
     * @throws io.dataseq.DataSeqException when the store cannot be made (a full disk, a directory that cannot be
     *     written)
     */
    public static CachePlan over(PlanSource source, PlanSettings settings, Path directory) {
        return over(source, settings, directory, CHUNK_BYTES, StoreWriter.NEW_FILES);
    }

    static CachePlan over(PlanSource source, PlanSettings settings, Path directory, long chunkBytes,
            StoreWriter.ChunkFiles files) {
        return new CachePlan(Objects.requireNonNull(source, "source"), Objects.requireNonNull(settings, "settings"),
                new StoreDirectory(directory), chunkBytes, files);
    }

    /** Whether this plan reads the store (rather than the reader, writing through). */
    public boolean readsStore() {
        return storePlan != null;
    }

    @Override
    public int batches(int epoch) {
        return current().batches(epoch);
    }

    @Override
    public int records() {
        return current().records();
    }

    @Override
    public RecordSubset subset() {
        return current().subset();
    }

    @Override
    public long recordsFrom(int epoch, int first) {
        return current().recordsFrom(epoch, first);
    }

    @Override
    public ReaderBinding<?> outputs() {
        return source.outputs();
    }

    @Override
    public BatchBuffers newBuffers() {
        return current().newBuffers(); // the same arrays either way: the store's fields have the reader's shapes
    }

    @Override
    public BatchLoader<BatchBuffers> pass(int epoch, int first) {
        if (storePlan == null && !wroteThrough) {
            wroteThrough = true;
            BatchLoader<BatchBuffers> reading = readerPlan.pass(epoch, first);
            StoreWriter through = writer;
            return (batch, into) -> {
                reading.load(batch, into);
                through.put(into);
            };
        }
        if (storePlan == null) {
            fillMissing();
            sealAndRead();
        }
        return storePlan.pass(epoch, first);
    }

    @Override
    public void delivered(int epoch, int next) {
        if (storePlan == null && writer.complete()) {
            sealAndRead();
        }
    }

    /**
     * Reads what the store still needs, on the caller's thread, and seals and publishes it, if it is not yet: after
     * a pass that wrote through, whatever it covered.
     */
    public void finish() {
        if (storePlan == null) {
            if (!writer.complete()) {
                fillMissing();
            }
            sealAndRead();
        }
    }

    /** The records the pass that wrote the store could not read, in record order; empty before it is sealed. */
    public List<SkippedRecord> skippedWhenWritten() {
        List<SkippedRecord> skipped = new ArrayList<>();
        if (stored != null) {
            for (Manifest.Skip skip : stored.manifest().skipped()) {
                skipped.add(new SkippedRecord(0, skip.record(), skip.description(),
                        new DataSeqException(skip.message(), null)));
            }
        }
        return skipped;
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.abandon();
            writing.release();
            StoreDirectory.delete(writer.directory());
            writer = null;
        }
        if (readerPlan != null) {
            readerPlan.close();
        }
        if (storePlan != null) {
            storePlan.close();
        }
    }

    private PassPlan current() {
        return storePlan != null ? storePlan : readerPlan;
    }

    /** A plan of every record of {@code reader}, in order, that skips what fails (the store notes it). */
    private PassPlan everyRecord(PlanSource reader) {
        return reader.plan(new PlanSettings(FILL_BATCH, false, settings.seed(), false, 0, 1, settings.remainder(),
                null, ErrorPolicy.SKIP, settings.training(), null, false, settings.checkFinite()));
    }

    /** Reads the records no pass has put in the store yet, on the caller's thread. */
    private void fillMissing() {
        PassPlan every = everyRecord(storing);
        try {
            BatchBuffers buffers = every.newBuffers();
            BatchLoader<BatchBuffers> loader = every.pass(0, 0);
            for (int batch = 0; batch < every.batches(0); batch++) {
                int first = batch * FILL_BATCH;
                int last = Math.min(records, first + FILL_BATCH);
                boolean needed = false;
                for (int record = first; record < last && !needed; record++) {
                    needed = !writer.has(record);
                }
                if (needed) {
                    loader.load(batch, buffers);
                    writer.put(buffers);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read the records the store in " + directory.root()
                    + " still needs: " + e, e);
        } finally {
            every.close();
        }
    }

    private void sealAndRead() {
        StoreWriter sealing = writer;
        sealing.seal();
        writer = null;
        writing.release();
        directory.publish(sealing.directory(), fingerprint);
        try {
            stored = StoreReader.open(directory.store());
            storePlan = StorePlan.over(stored, settings, source.outputs());
        } catch (IOException e) {
            throw new IllegalStateException("the store just written in " + directory.store() + " cannot be read: "
                    + e, e);
        }
        readerPlan.close();
        readerPlan = null;
        LOG.log(System.Logger.Level.INFO, "cached {0} records in {1}", records, directory.store());
    }
}
