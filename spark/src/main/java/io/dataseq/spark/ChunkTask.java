package io.dataseq.spark;

import io.dataseq.DataSeqException;
import io.dataseq.internal.store.StoreChunks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * One Spark task of a store's writing: builds the reader on the executor, writes its chunks one after the other on a
 * local disk, and puts each in the job's attempts directory under a name of its own attempt
 * ({@code chunk-00003.bin.attempt-<task attempt id>}). It never writes a chunk's final name: the driver renames the
 * attempt Spark accepted, so a retried or speculative attempt can leave a file behind but never a second copy of a
 * record in the store.
 *
 * <p>Its result is the chunks' sizes, checksums and skips with their attempt files, as Java-serialised bytes: they
 * reach the driver whatever {@code spark.serializer} is set to.
 */
final class ChunkTask implements Function<Integer, byte[]> {
    private static final long serialVersionUID = 1L;
    private static final int COPY_BUFFER = 1 << 20;

    private final BuilderSupplier builders;
    private final int recordsPerChunk;
    private final int chunksPerTask;
    private final String fingerprint;
    private final int records;
    private final String attempts;
    private final Broadcast<byte[]> hadoop;

    ChunkTask(BuilderSupplier builders, StoreChunks chunks, int chunksPerTask, Path attempts,
            Broadcast<byte[]> hadoop) {
        this.builders = builders;
        this.recordsPerChunk = chunks.recordsPerChunk();
        this.chunksPerTask = chunksPerTask;
        this.fingerprint = chunks.fingerprint();
        this.records = chunks.records();
        this.attempts = attempts.toString();
        this.hadoop = hadoop;
    }

    @Override
    public byte[] call(Integer task) throws IOException {
        StoreChunks chunks = builders.builder().storeChunks(recordsPerChunk);
        if (!chunks.fingerprint().equals(fingerprint)) {
            throw new DataSeqException("the reader built on this executor has " + chunks.records() + " records (the"
                    + " driver's has " + records + ") or other outputs (fingerprint " + chunks.fingerprint()
                    + ", the driver's is " + fingerprint + "): every executor must see the same records as the"
                    + " driver", null);
        }
        long attempt = TaskContext.get().taskAttemptId();
        Path directory = new Path(attempts);
        List<Result.Chunk> written = new ArrayList<>();
        try (FileSystem files = Stores.open(directory.toUri(), deserialise(hadoop.value()))) {
            int last = Math.min(chunks.chunks(), (task + 1) * chunksPerTask);
            for (int chunk = task * chunksPerTask; chunk < last; chunk++) {
                Path target = new Path(directory, StoreChunks.chunkFile(chunk) + ".attempt-" + attempt);
                written.add(new Result.Chunk(Stores.isLocal(files) ? writeInPlace(chunks, chunk, target)
                        : writeAndCopy(chunks, chunk, files, target), target.getName()));
            }
        }
        return Result.serialise(new Result(task, written));
    }

    /** Writes a chunk where it goes, on the store's own disk ({@code file://}): no copy. */
    private static StoreChunks.Written writeInPlace(StoreChunks chunks, int chunk, Path target) {
        return chunks.write(chunk, java.nio.file.Path.of(target.toUri()));
    }

    /**
     * Writes a chunk on this executor's disk, in its Spark working directory, and copies it to {@code target}. Never
     * makes the attempts' directory: an attempt that Spark killed and that ends after the driver deleted it
     * (finished, or failed) fails here rather than leave a directory behind.
     */
    private static StoreChunks.Written writeAndCopy(StoreChunks chunks, int chunk, FileSystem files, Path target)
            throws IOException {
        java.nio.file.Path local = Files.createTempDirectory(java.nio.file.Path.of(SparkFiles.getRootDirectory()),
                "dataseq-chunk-");
        try {
            java.nio.file.Path file = local.resolve(StoreChunks.chunkFile(chunk));
            StoreChunks.Written written = chunks.write(chunk, file);
            try (InputStream in = Files.newInputStream(file); OutputStream out = files.createNonRecursive(target,
                    false, COPY_BUFFER, files.getDefaultReplication(target), files.getDefaultBlockSize(target),
                    null)) {
                in.transferTo(out);
            }
            return written;
        } finally {
            Stores.deleteLocal(local);
        }
    }

    /** What a task wrote: each chunk as the manifest needs it, and the name of its attempt's file. */
    record Result(int task, List<Chunk> chunks) implements Serializable {
        private static final long serialVersionUID = 1L;

        record Chunk(StoreChunks.Written written, String attemptFile) implements Serializable {
            private static final long serialVersionUID = 1L;
        }

        static byte[] serialise(Result result) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(result);
            }
            return bytes.toByteArray();
        }

        static Result deserialise(byte[] bytes) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                return (Result) in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("a task's result cannot be read: " + e, e);
            }
        }
    }

    /** {@code configuration} as bytes, for the executors (a Hadoop {@code Configuration} is not serialisable). */
    static byte[] serialise(Configuration configuration) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            configuration.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Configuration deserialise(byte[] bytes) throws IOException {
        Configuration configuration = new Configuration(false);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            configuration.readFields(in);
        }
        return configuration;
    }
}
