package io.dataseq.spark;

import io.dataseq.DataSeqException;
import io.dataseq.RecordException;
import io.dataseq.SkippedRecord;
import io.dataseq.internal.store.StoreChunks;
import java.io.Closeable;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Writes a record store across a Spark cluster: the store {@code writeStore(directory)} writes on one machine, byte
 * for byte (with as many records to a chunk), with each chunk's records read on an executor.
 *
 * <pre>{@code
 * List<SkippedRecord> leftOut = SparkStoreWriter.of(spark.sparkContext(),
 *         () -> DigitsSequence.perWorker(() -> new Digits(root)).onError(ErrorPolicy.SKIP))
 *         .write("hdfs:///data/digits-store");
 * // then, on each training machine, with the store copied to (or mounted at) /data/digits-store:
 * DigitsSequence train = DigitsSequence.fromStore(Path.of("/data/digits-store")).shuffle(true).build();
 * }</pre>
 *
 * <p>One Spark task per chunk (or per {@link #chunksPerTask group of chunks}) builds the reader on its executor from
 * the {@link BuilderSupplier}, reads its chunk's records in record order on the task's thread (Spark's cores are the
 * parallelism: one task per core), writes the chunk on a local disk and puts it in the store's directory under a
 * name of its own attempt. When every task has succeeded, the driver renames the attempt Spark accepted of each chunk
 * to the chunk's name, writes the manifest (the chunks in order with their CRC32C, and every task's skipped records),
 * and publishes the store by renaming its directory to {@code <directory>/store}. A task that fails and is retried,
 * or a speculative copy of a slow one, leaves at most a file under a name of its own, which is deleted: every record
 * is in the store exactly once. Paths go through Hadoop's {@code FileSystem} ({@code hdfs://}, {@code s3a://},
 * {@code file://}); a path without a scheme is on Hadoop's default file system. See {@code docs/spark.md}.
 */
public final class SparkStoreWriter {
    private static final String WRITING = ".spark-writing-";
    private static final String ATTEMPTS = ".spark-attempts-";
    private static final String STALE = ".spark-stale-";
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private final SparkContext spark;
    private final BuilderSupplier builders;
    private int recordsPerChunk;
    private int chunksPerTask = 1;

    private SparkStoreWriter(SparkContext spark, BuilderSupplier builders) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.builders = Objects.requireNonNull(builders, "builders");
    }

    /**
     * A writer of the store of the reader that {@code builders} makes (on the driver, for the record count, and on
     * each executor, to read), with the error policy and seed of its builder.
     *
     * @throws DataSeqException when {@code builders} cannot be sent to the executors: Java serialisation, which Spark
     *     sends it with, fails on something it captured (the exception names its class)
     */
    public static SparkStoreWriter of(SparkContext spark, BuilderSupplier builders) {
        checkSerialisable(Objects.requireNonNull(builders, "builders"));
        return new SparkStoreWriter(spark, builders);
    }

    /**
     * Serialises {@code builders} on the driver as Spark will when the job starts, so that a lambda that captured a
     * reader (or a decoder, a connection) is told at once, with the class at fault, rather than by Spark's
     * "Task not serializable" once the record count and the store's shape are worked out.
     */
    private static void checkSerialisable(BuilderSupplier builders) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(builders);
        } catch (NotSerializableException e) {
            throw new DataSeqException("the BuilderSupplier cannot be sent to the executors: it holds a "
                    + e.getMessage() + ", which is not Serializable. Capture paths and settings in the lambda, and"
                    + " make the reader inside it (on the executor)", e);
        } catch (IOException e) {
            throw new DataSeqException("the BuilderSupplier cannot be sent to the executors: " + e, e);
        }
    }

    /**
     * The records of each chunk but the last (default: as many as {@code writeStore} puts in one, about 64 MiB). A
     * chunk is the unit of work of a task and of a retry, and what the store's CRC32C checks; several tasks per
     * executor core keep the cluster busy to the end.
     */
    public SparkStoreWriter recordsPerChunk(int records) {
        if (records < 1) {
            throw new IllegalArgumentException("recordsPerChunk must be at least 1, not " + records);
        }
        this.recordsPerChunk = records;
        return this;
    }

    /** The chunks each task writes, one after the other (default 1). */
    public SparkStoreWriter chunksPerTask(int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunksPerTask must be at least 1, not " + chunks);
        }
        this.chunksPerTask = chunks;
        return this;
    }

    /**
     * Writes every record of the reader to a store in {@code directory} (a Hadoop path or URI; made if need be) and
     * returns once it is published as {@code directory/store}. A store of this reader already there is kept as it is,
     * as by {@code writeStore}; one of another reader is replaced. Under {@code ErrorPolicy.SKIP} the records that
     * could not be read are left out and returned (the manifest lists them); under {@code FAIL} the first failure
     * fails the job and nothing is published.
     *
     * @return the records left out, in record order
     * @throws RecordException when a record fails under {@code FAIL}: its number, its {@code @Describe}, and the
     *     task that read it
     * @throws DataSeqException when the job fails otherwise, when every record was skipped, or when the store cannot
     *     be written
     */
    public List<SkippedRecord> write(String directory) {
        StoreChunks chunks = builders.builder().storeChunks(recordsPerChunk);
        Path root = new Path(Objects.requireNonNull(directory, "directory"));
        try (Leftovers leftovers = new Leftovers()) {
            FileSystem files = Stores.open(root.toUri(), spark.hadoopConfiguration());
            leftovers.files = files;
            root = files.makeQualified(root);
            Path store = new Path(root, StoreChunks.STORE);
            java.nio.file.Path local = Files.createTempDirectory("dataseq-manifest-");
            leftovers.local = local;
            Optional<List<SkippedRecord>> published = publishedSkips(files, store, chunks, local);
            if (published.isPresent()) {
                return published.get();
            }
            String id = UUID.randomUUID().toString();
            Path writing = new Path(root, WRITING + id);
            leftovers.writing = writing;
            Path attempts = new Path(root, ATTEMPTS + id);
            leftovers.attempts = attempts;
            if (!files.mkdirs(writing) || !files.mkdirs(attempts)) {
                throw new IOException("could not make " + writing + " and " + attempts);
            }
            List<StoreChunks.Written> written = commit(files, runTasks(chunks, attempts, root), attempts, writing);
            List<SkippedRecord> skipped = chunks.writeManifest(written, local);
            if (chunks.records() > 0 && skipped.size() == chunks.records()) {
                throw new DataSeqException("every one of the " + chunks.records() + " records was skipped (the first: "
                        + skipped.get(0) + "): the reader is broken on the executors, so no store was published",
                        null);
            }
            Path temporary = new Path(writing, StoreChunks.MANIFEST + ".tmp");
            files.copyFromLocalFile(false, true, new Path(local.resolve(StoreChunks.MANIFEST).toUri()), temporary);
            rename(files, temporary, new Path(writing, StoreChunks.MANIFEST));
            List<SkippedRecord> publishedMeanwhile = publish(files, writing, store, chunks, local);
            leftovers.writing = null;
            return publishedMeanwhile != null ? publishedMeanwhile : skipped;
        } catch (IOException e) {
            throw new DataSeqException("could not write the store in " + root + ": " + e, e);
        }
    }

    /** Runs a task per group of chunks; their results, in task order. */
    private List<ChunkTask.Result> runTasks(StoreChunks chunks, Path attempts, Path root) {
        int tasks = (chunks.chunks() + chunksPerTask - 1) / chunksPerTask;
        if (tasks == 0) {
            return List.of();
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark);
        String description = spark.getLocalProperty(JOB_DESCRIPTION);
        spark.setJobDescription("DataSeq: write the store of " + chunks.records() + " records in " + root);
        Broadcast<byte[]> hadoop = context.broadcast(ChunkTask.serialise(spark.hadoopConfiguration()));
        try {
            List<byte[]> results = context.parallelize(IntStream.range(0, tasks).boxed().collect(Collectors.toList()),
                    tasks).map(new ChunkTask(builders, chunks, chunksPerTask, attempts, hadoop)).collect();
            return results.stream().map(ChunkTask.Result::deserialise).collect(Collectors.toList());
        } catch (Exception e) { // a SparkException, which Scala throws undeclared
            throw failure(e, root);
        } finally {
            spark.setJobDescription(description);
            hadoop.destroy();
        }
    }

    /**
     * Renames the accepted attempt of each chunk to the chunk's name in {@code writing}; the other attempts' files
     * stay in {@code attempts}, which is deleted.
     */
    private static List<StoreChunks.Written> commit(FileSystem files, List<ChunkTask.Result> results, Path attempts,
            Path writing) throws IOException {
        List<StoreChunks.Written> written = new ArrayList<>();
        for (ChunkTask.Result result : results) {
            for (ChunkTask.Result.Chunk chunk : result.chunks()) {
                Path attempt = new Path(attempts, chunk.attemptFile());
                FileStatus status = files.getFileStatus(attempt);
                if (status.getLen() != chunk.written().bytes()) {
                    throw new DataSeqException(attempt + " has " + status.getLen() + " bytes; the task that wrote"
                            + " it wrote " + chunk.written().bytes(), null);
                }
                rename(files, attempt, new Path(writing, StoreChunks.chunkFile(chunk.written().chunk())));
                written.add(chunk.written());
            }
        }
        return written;
    }

    /**
     * Renames {@code writing} to {@code store}; a store there of another reader is moved aside and deleted first, a
     * store of this reader published meanwhile (by another writer) is kept and {@code writing} deleted.
     *
     * @return the skips of a store of this reader published meanwhile, or null when this one was published
     */
    private static List<SkippedRecord> publish(FileSystem files, Path writing, Path store, StoreChunks chunks,
            java.nio.file.Path local) throws IOException {
        if (files.exists(store)) {
            Optional<List<SkippedRecord>> meanwhile = publishedSkips(files, store, chunks, local);
            if (meanwhile.isPresent()) {
                files.delete(writing, true);
                return meanwhile.get();
            }
            Path stale = new Path(store.getParent(), STALE + UUID.randomUUID());
            rename(files, store, stale);
            files.delete(stale, true);
        }
        rename(files, writing, store);
        return null;
    }

    /** The skips of the store in {@code store} when it is a whole store of this reader; empty otherwise. */
    private static Optional<List<SkippedRecord>> publishedSkips(FileSystem files, Path store, StoreChunks chunks,
            java.nio.file.Path local) throws IOException {
        Path manifest = new Path(store, StoreChunks.MANIFEST);
        if (!files.exists(manifest)) {
            return Optional.empty();
        }
        java.nio.file.Path copy = Files.createTempDirectory(local, "published-");
        files.copyToLocalFile(false, manifest, new Path(copy.resolve(StoreChunks.MANIFEST).toUri()), true);
        return chunks.sameStore(copy);
    }

    private static void rename(FileSystem files, Path from, Path to) throws IOException {
        if (!files.rename(from, to)) {
            throw new IOException("could not rename " + from + " to " + to);
        }
    }

    /**
     * The driver's exception for a failed job: the {@link RecordException} of a record that failed on an executor
     * (its record, description and task), or a {@link DataSeqException} saying why, with Spark's as the cause.
     */
    private static RuntimeException failure(Exception e, Path root) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordException failed) {
                RecordException thrown = failed.rethrownFrom(failed.worker());
                thrown.addSuppressed(e);
                return thrown;
            }
            if (cause instanceof DataSeqException failed) {
                return new DataSeqException("could not write the store in " + root + ": " + failed.getMessage(), e);
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return new DataSeqException("could not write the store in " + root + ": the Spark job failed: " + message, e);
    }

    /**
     * What a write leaves until it ends, deleted when it does, published or not: the attempts' directory, the
     * directory the store was written in unless it was published, and the driver's local copy of the manifest.
     */
    private static final class Leftovers implements Closeable {
        FileSystem files;
        Path writing;
        Path attempts;
        java.nio.file.Path local;

        @Override
        public void close() throws IOException {
            if (files != null) {
                try (FileSystem closing = files) {
                    if (attempts != null) {
                        closing.delete(attempts, true);
                    }
                    if (writing != null) {
                        closing.delete(writing, true);
                    }
                }
            }
            if (local != null) {
                Stores.deleteLocal(local);
            }
        }
    }
}
