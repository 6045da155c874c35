package io.dataseq.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * Files with a class each, numbered {@code 0 .. size() - 1}: what a classification reader holds.
 * {@link ClassFolders} (the class is the folder), {@link CsvLabels} (the class is a CSV column) and
 * {@link PathLabelList} (a "path label" list) are each one, so a reader written against this interface reads any.
 *
 * <pre>{@code
 * @DataSequence(batchSize = 64, shuffle = true, seed = 42)
 * public class Digits {
 *     private final LabelledFiles files;
 *     public Digits(LabelledFiles files) { this.files = files; }
 *     @Size public int size() { return files.size(); }
 *     @Describe public Path file(int record) { return files.file(record); }
 *     @Features @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
 *     public byte[] image(int record) throws IOException { return files.bytes(record); }
 *     @Label(classes = 10) public int digit(int record) { return files.classOf(record); }
 * }
 * }</pre>
 *
 * <p>The image is read by {@link #bytes}, which opens only files under the list's root (a CSV or a list file is data
 * from elsewhere, and a symbolic link may have changed since it was listed); returning {@link #file} instead has
 * {@code @Image} open the path as it is then, following any link.
 *
 * <p>Implementations are immutable and thread-safe: a reader may call them from every worker at once.
 */
public interface LabelledFiles {

    /** The number of files. */
    int size();

    /**
     * The file of {@code record}, {@code 0 .. size() - 1}: its name, for messages and {@code @Describe}. Read it with
     * {@link #bytes} or {@link #open}, which check it is still under the list's root when it is opened.
     */
    Path file(int record);

    /**
     * Opens {@code record}'s file for reading, only if it is a regular file under the list's root when it is opened:
     * a symbolic link that leads outside the root or to nothing is refused, with no gap between the check and the
     * open. The caller closes the channel.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws DatasetException when it leads outside the root, is a dangling symbolic link, or is not a regular file
     * @throws IOException when it cannot be read
     */
    SeekableByteChannel open(int record) throws IOException;

    /**
     * Reads {@code record}'s whole file, opened as {@link #open} opens it: what an {@code @Image} method returns to
     * have the file decoded with that check.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws DatasetException when it leads outside the root, is a dangling symbolic link, or is not a regular file
     * @throws IOException when it cannot be read
     */
    byte[] bytes(int record) throws IOException;

    /** The class of {@code record}: an index into {@link #classNames()}. */
    int classOf(int record);

    /**
     * The class names in index order: what {@code builder(reader).classNames(...)} hands to the sequence, so that
     * its {@code getLabels()} (and DL4J's evaluation) names the classes.
     */
    List<String> classNames();
}
