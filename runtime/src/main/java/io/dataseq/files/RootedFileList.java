package io.dataseq.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Files under a root, each with its path relative to the root: what every list of this package holds, and the one
 * place they are opened ({@link #open}) and read ({@link #bytes}), so that each rule about the root is written once.
 * Package-private: users see these public methods on {@link ImageFiles}, {@link ClassFolders}, {@link CsvLabels} and
 * {@link PathLabelList}.
 */
abstract class RootedFileList {
    /** Files larger than this are not read into an array. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    final FileRoot root;
    /** Package-private for {@link ImageFiles#files()} and {@link ImageFiles#relativePaths()}. */
    final List<Path> files;
    final List<String> relativePaths;

    /** Takes the lists as given: the subclass passes unmodifiable ones of equal length. */
    RootedFileList(FileRoot root, List<Path> files, List<String> relativePaths) {
        this.root = root;
        this.files = files;
        this.relativePaths = relativePaths;
    }

    /** The root folder, as given: the folder listed, or the one a list file's names are relative to. */
    public Path root() {
        return root.path();
    }

    /** The number of files. */
    public int size() {
        return files.size();
    }

    /**
     * The file of {@code record}, {@code 0 .. size() - 1}: the root resolved with its relative path, e.g.
     * {@code root/7/img_3.jpg}. This is the file's name, for messages and {@code @Describe}; to read the file, use
     * {@link #bytes} or {@link #open}, which check that it is still under the root when it is opened.
     */
    public Path file(int record) {
        return files.get(record);
    }

    /** The path of {@code record}'s file relative to the root, normalized, with {@code /}: {@code "7/img_3.jpg"}. */
    public String relativePath(int record) {
        return relativePaths.get(record);
    }

    /**
     * Opens {@code record}'s file for reading, only if it is a regular file under the root's real path now: a
     * symbolic link that leads outside the root or to nothing, or a folder on the way that became one since the list
     * was made, is refused, and the check and the open are one step (no file can be swapped in between). The caller
     * closes the channel.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws DatasetException when it leads outside the root, is a dangling symbolic link, or is not a regular file
     * @throws IOException when it cannot be read
     */
    public SeekableByteChannel open(int record) throws IOException {
        return root.open(relativePaths.get(record));
    }

    /**
     * Reads {@code record}'s whole file, opened as {@link #open} opens it: what an {@code @Image} method returns to
     * have the file decoded with that check, {@code public byte[] image(int record) throws IOException}.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws DatasetException when it leads outside the root, is a dangling symbolic link, or is not a regular file
     * @throws IOException when it cannot be read, or has more bytes than an array holds
     */
    public byte[] bytes(int record) throws IOException {
        try (SeekableByteChannel channel = open(record)) {
            ByteBuffer buffer = ByteBuffer.allocate(checkedSize(record, channel.size()));
            readFully(channel, buffer);
            return buffer.position() == buffer.capacity() ? buffer.array()
                    : Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** {@code size}, the size of {@code record}'s file, when an array can hold it. */
    private int checkedSize(int record, long size) throws DatasetException {
        if (size > MAX_FILE_BYTES) {
            throw new FileRoot.Refused(file(record), "has " + size + " bytes, more than one array holds", null);
        }
        return (int) size;
    }

    /** Reads until {@code buffer} is full or the file ends (a file that shrank while being read ends early). */
    private static void readFully(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading
        }
    }
}
