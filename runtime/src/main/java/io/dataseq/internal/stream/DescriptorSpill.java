package io.dataseq.internal.stream;

import io.dataseq.stream.DescriptorCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A recording kept on disk: an append-only file of encoded descriptors and an index file of 8 bytes per descriptor
 * (the offset where it ends in the data file), so that the heap holds the same few buffers for any number of
 * descriptors. Both are temporary files in the directory given, deleted by {@link #close()}.
 *
 * <p>Appends come one at a time under the store's pull lock and are buffered; {@link #flush()} (called before the
 * lock is released) writes them out and makes them readable. Reads are positional ({@code FileChannel.read(buffer,
 * position)}): any number of workers read at once, with no shared file pointer and no lock.
 *
 * <p>A thread interrupted in the middle of a read or write closes the channel for every thread (that is how
 * {@link FileChannel} answers interrupts). The prefetch engine interrupts its workers only in {@code close()}; should
 * another interrupt arrive anyway, the interrupted call fails and the others reopen the file and go on.
 *
 * @param <D> the descriptor type
 */
final class DescriptorSpill<D> implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final DescriptorCodec<D> codec;
    private final SpillFile data;
    private final SpillFile index;
    // Guarded by the store's pull lock: the writer's side.
    private final Encoder encoder = new Encoder();
    private final ByteBuffer dataBuffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final ByteBuffer indexBuffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long appended;
    private long dataEnd;
    private long flushedDataEnd;
    private long flushed;
    /** The descriptors written out: positions {@code 0 .. readable - 1} can be read. */
    private volatile long readable;

    private DescriptorSpill(DescriptorCodec<D> codec, SpillFile data, SpillFile index) {
        this.codec = codec;
        this.data = data;
        this.index = index;
    }

    /** Creates the two files in {@code directory}. */
    static <D> DescriptorSpill<D> create(Path directory, DescriptorCodec<D> codec) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(codec, "codec");
        SpillFile data = null;
        try {
            data = new SpillFile(Files.createTempFile(directory, "dataseq-descriptors-", ".bin"));
            return new DescriptorSpill<>(codec, data,
                    new SpillFile(Files.createTempFile(directory, "dataseq-descriptor-index-", ".bin")));
        } catch (IOException e) {
            if (data != null) {
                data.delete();
            }
            throw new UncheckedIOException("cannot create the recording's files in " + directory + ": " + e, e);
        }
    }

    /** The data file, for messages. */
    Path file() {
        return data.path;
    }

    /** The index file. */
    Path indexFile() {
        return index.path;
    }

    /** Pull lock: encodes {@code descriptor} as the next position; readable after {@link #flush()}. */
    void append(D descriptor) throws IOException {
        encoder.reset();
        codec.write(descriptor, encoder.out);
        encoder.out.flush();
        int length = encoder.size();
        if (length > dataBuffer.remaining()) {
            flushData();
        }
        if (length > dataBuffer.remaining()) {
            data.writeFully(ByteBuffer.wrap(encoder.bytes(), 0, length), flushedDataEnd);
            flushedDataEnd += length;
        } else {
            dataBuffer.put(encoder.bytes(), 0, length);
        }
        dataEnd += length;
        if (indexBuffer.remaining() < Long.BYTES) {
            flushIndex();
        }
        indexBuffer.putLong(dataEnd);
        appended++;
    }

    /** Pull lock: writes out what was appended and makes it readable. */
    void flush() throws IOException {
        if (readable == appended) {
            return;
        }
        flushData();
        flushIndex();
        readable = appended;
    }

    /** Pull lock: forgets every descriptor, to record again from position 0. */
    void clear() throws IOException {
        readable = 0;
        appended = 0;
        flushed = 0;
        dataEnd = 0;
        flushedDataEnd = 0;
        dataBuffer.clear();
        indexBuffer.clear();
        data.truncate();
        index.truncate();
    }

    /** The descriptor at {@code position}; thread-safe. */
    D read(long position) {
        if (position < 0 || position >= readable) {
            throw new IllegalStateException("descriptor " + position + " is not in " + data.path + " (it holds 0 .. "
                    + (readable - 1) + ")");
        }
        try {
            ByteBuffer offsets = ByteBuffer.allocate(2 * Long.BYTES);
            long start;
            long end;
            if (position == 0) {
                offsets.limit(Long.BYTES);
                index.readFully(offsets, 0);
                start = 0;
                end = offsets.getLong(0);
            } else {
                index.readFully(offsets, (position - 1) * Long.BYTES);
                start = offsets.getLong(0);
                end = offsets.getLong(Long.BYTES);
            }
            long length = end - start;
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                throw new IOException("the index " + index.path + " is corrupt: descriptor " + position
                        + " spans bytes " + start + " .. " + end);
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) length);
            data.readFully(bytes, start);
            D descriptor = codec.read(new DataInputStream(new ByteArrayInputStream(bytes.array())));
            if (descriptor == null) {
                throw new IOException("the codec read null");
            }
            return descriptor;
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read the descriptor at position " + position
                    + " from " + data.path + ": " + e, e));
        }
    }

    /** Closes and deletes both files. */
    @Override
    public void close() {
        try {
            data.delete();
        } finally {
            index.delete();
        }
    }

    private void flushData() throws IOException {
        dataBuffer.flip();
        int length = dataBuffer.remaining();
        data.writeFully(dataBuffer, flushedDataEnd);
        flushedDataEnd += length;
        dataBuffer.clear();
    }

    private void flushIndex() throws IOException {
        indexBuffer.flip();
        int entries = indexBuffer.remaining() / Long.BYTES;
        index.writeFully(indexBuffer, flushed * Long.BYTES);
        flushed += entries;
        indexBuffer.clear();
    }

    /** A growable byte array with a {@code DataOutput} over it, reused for every descriptor. */
    private static final class Encoder extends ByteArrayOutputStream {
        final DataOutputStream out = new DataOutputStream(this);

        byte[] bytes() {
            return buf;
        }
    }

    /** One positional read or write: how many bytes it moved between {@code buffer} and the file at {@code at}. */
    @FunctionalInterface
    private interface Transfer {
        int apply(FileChannel channel, ByteBuffer buffer, long at) throws IOException;
    }

    /** One temporary file and its channel, reopened if another thread's interrupt closed it. */
    private static final class SpillFile {
        final Path path;
        private volatile FileChannel channel;
        private boolean deleted;

        SpillFile(Path path) throws IOException {
            this.path = path;
            this.channel = open(path);
        }

        void readFully(ByteBuffer into, long position) throws IOException {
            transferFully(into, position, (channel, buffer, at) -> {
                int read = channel.read(buffer, at);
                if (read < 0) {
                    throw new EOFException("the file ends at byte " + at);
                }
                return read;
            });
        }

        void writeFully(ByteBuffer from, long position) throws IOException {
            transferFully(from, position, FileChannel::write);
        }

        /**
         * Moves {@code buffer}'s remaining bytes to or from the file at {@code position}, one {@code transfer} call
         * at a time. A channel closed by another thread's interrupt is reopened and the rest retried once; this
         * thread's own interrupt reopens it for the others and fails this call.
         */
        private void transferFully(ByteBuffer buffer, long position, Transfer transfer) throws IOException {
            int start = buffer.position();
            boolean retried = false;
            while (true) {
                FileChannel current = channel;
                try {
                    long at = position + (buffer.position() - start);
                    while (buffer.hasRemaining()) {
                        at += transfer.apply(current, buffer, at);
                    }
                    return;
                } catch (ClosedByInterruptException e) {
                    reopen(current);
                    throw e;
                } catch (ClosedChannelException e) {
                    if (retried) {
                        throw e;
                    }
                    retried = true;
                    reopen(current);
                }
            }
        }

        void truncate() throws IOException {
            channel.truncate(0);
        }

        /** Opens the file again unless another thread did already, or it was deleted. */
        private synchronized void reopen(FileChannel broken) throws IOException {
            if (deleted) {
                throw new ClosedChannelException();
            }
            if (channel == broken) {
                channel = open(path);
            }
        }

        synchronized void delete() {
            deleted = true;
            try {
                channel.close();
            } catch (IOException e) {
                // Deleting is what matters.
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path + ": " + e, e);
            }
        }

        private static FileChannel open(Path path) throws IOException {
            // No CREATE: a file deleted behind the sequence's back is an error, not a new empty recording.
            return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }
}
