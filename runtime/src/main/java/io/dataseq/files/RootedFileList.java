package io.dataseq.files;

import io.dataseq.progress.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Files under a root, each with its path relative to the root: what every list of this package holds, and the one
 * place they are opened ({@link #open}), read ({@link #bytes}) and checked ({@link #check}), so that each rule about
 * the root is written once. Package-private: users see these public methods on {@link ImageFiles},
 * {@link ClassFolders}, {@link CsvLabels} and {@link PathLabelList}.
 *
 * @param <L> the list's own type, which {@link #check} hands back without its bad files
 */
abstract class RootedFileList<L extends RootedFileList<L>> {
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

    /**
     * Checks every file now, on this thread, rather than when its batch is read: that it exists, is a regular file
     * under the root (as {@link #open} checks), can be read, and is an image whose header parses (JPEG, PNG, GIF or
     * BMP, not empty, not visibly truncated; {@code io.dataseq.image.ImageHeaders}). Each file is read once, whole
     * (a truncated JPEG or PNG shows at its end), so this takes about as long as reading the dataset from disk;
     * nothing is decoded and nothing is written.
     *
     * @return the report: {@code throwIfBad()} for the list when every file passed (or a {@link DatasetException}
     *     naming each bad file and why), {@code badFiles()} and {@code withoutBadFiles()} to go on without them
     */
    public FileCheck<L> check() {
        return check(ProgressListener.NONE);
    }

    /**
     * {@link #check()}, telling {@code progress} as it goes: one "epoch" 0 of {@link #size()} records, a record for
     * each file checked, and its timings at the end (the time spent reading files under {@code READ}). Give it
     * {@code ProgressListener.console()} for a bar on the console.
     */
    public FileCheck<L> check(ProgressListener progress) {
        return FileCheck.of(self(), progress);
    }

    /** This list, as its own type. */
    abstract L self();

    /** A list of the same kind holding only {@code records}, in that order, each keeping its class and line. */
    abstract L keeping(int[] records);

    /** The file the list was read from (a CSV, a list file), or the root for a list of a folder. */
    Path source() {
        return root();
    }

    /** The line of {@link #source()} that names {@code record}'s file, from 1; 0 for a list of a folder. */
    long lineOf(int record) {
        return 0;
    }

    /** The elements of {@code all} at {@code records}, unmodifiable. */
    static <T> List<T> pick(List<T> all, int[] records) {
        List<T> picked = new ArrayList<>(records.length);
        for (int record : records) {
            picked.add(all.get(record));
        }
        return List.copyOf(picked);
    }

    /** The elements of {@code all} at {@code records}. */
    static long[] pick(long[] all, int[] records) {
        long[] picked = new long[records.length];
        for (int i = 0; i < records.length; i++) {
            picked[i] = all[records[i]];
        }
        return picked;
    }

    /** The paths of {@code records}, for {@link #keeping}. */
    List<Path> filesOf(int[] records) {
        return pick(files, records);
    }

    /** The relative paths of {@code records}, for {@link #keeping}. */
    List<String> relativePathsOf(int[] records) {
        return pick(relativePaths, records);
    }

    /** {@code size}, the size of {@code record}'s file, when an array can hold it. */
    int checkedSize(int record, long size) throws DatasetException {
        if (size > MAX_FILE_BYTES) {
            throw new FileRoot.Refused(file(record), "has " + size + " bytes, more than one array holds", null);
        }
        return (int) size;
    }

    /** Reads until {@code buffer} is full or the file ends (a file that shrank while being read ends early). */
    static void readFully(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading
        }
    }
}
