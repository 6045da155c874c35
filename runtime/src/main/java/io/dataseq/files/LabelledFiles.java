package io.dataseq.files;

import java.nio.file.Path;
import java.util.List;

/**
 * Files with a class each, numbered {@code 0 .. size() - 1}: what a classification reader holds. Both
 * {@link ClassFolders} (the class is the folder) and {@link CsvLabels} (the class is a CSV column) are one, so a
 * reader written against this interface reads either.
 *
 * <pre>{@code
 * @DataSequence(batchSize = 64, shuffle = true, seed = 42)
 * public class Digits {
 *     private final LabelledFiles files;
 *     public Digits(LabelledFiles files) { this.files = files; }
 *     @Size public int size() { return files.size(); }
 *     @Describe public Path file(int record) { return files.file(record); }
 *     @Features @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
 *     public Path image(int record) { return files.file(record); }
 *     @Label(classes = 10) public int digit(int record) { return files.classOf(record); }
 * }
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe: a reader may call them from every worker at once.
 */
public interface LabelledFiles {

    /** The number of files. */
    int size();

    /** The file of {@code record}, {@code 0 .. size() - 1}. */
    Path file(int record);

    /** The class of {@code record}: an index into {@link #classNames()}. */
    int classOf(int record);

    /**
     * The class names in index order: what {@code builder(reader).classNames(...)} hands to the sequence, so that
     * its {@code getLabels()} (and DL4J's evaluation) names the classes.
     */
    List<String> classNames();
}
