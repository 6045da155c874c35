package io.dataseq.examples.recipe;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.hdf5.Hdf5Rows;
import io.dataseq.stream.DescriptorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The classic generator recipe, with no concatenation and no pre-processor: an endless "path label" file list, each
 * line an image of a digit and its class, plus a second input read from HDF5 by the line's number (here, the ink
 * profile of the image: its row and column sums). Two {@code @Features} methods make the generated
 * {@link ListedDigitsSequence} a {@code MultiDataSetIterator} for a two-input {@code ComputationGraph}; the
 * descriptor parameter ({@link Line}) makes it a streaming reader; {@code stepsPerEpoch} reads the list as an endless
 * stream, {@code stepsPerEpoch} batches an epoch, shuffled within blocks of the stream.
 */
@DataSequence(batchSize = 32, shuffle = true, seed = 11, stepsPerEpoch = 50)
public final class ListedDigits implements AutoCloseable {
    /** The length of an image's ink profile: 28 row sums, then 28 column sums. */
    public static final int PROFILE = 56;
    public static final int CLASSES = 10;

    /** One line of the list: the image file, its digit, and its row in the HDF5 file (the line's number). */
    public record Line(Path file, int digit, int row) {}

    private final Hdf5Rows profiles;

    /** Reads the ink profiles from {@code profiles}, dataset {@code profiles}, a row per line of the list. */
    public ListedDigits(Path profiles) {
        this.profiles = Hdf5Rows.open(profiles, "profiles");
    }

    @Features(order = 0)
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
    public Path image(Line line) {
        return line.file();
    }

    @Features(order = 1, shape = {PROFILE})
    public float[] profile(Line line) {
        return profiles.read(line.row());
    }

    @Label(classes = CLASSES)
    public int digit(Line line) {
        return line.digit();
    }

    @Describe
    public String describe(Line line) {
        return line.file() + " (profile row " + line.row() + ")";
    }

    @Override
    public void close() {
        profiles.close();
    }

    /**
     * The lines of {@code list} ("path label", paths relative to the list's folder, blank lines ignored) whose number
     * {@code mod folds} is in {@code [from, to)}, each with its line number as its HDF5 row; read afresh, lazily, on
     * each opening, and the stream closed by the sequence.
     */
    public static DescriptorSource<Line> lines(Path list, int folds, int from, int to) {
        Path folder = list.toAbsolutePath().getParent();
        return DescriptorSource.ofStream(() -> {
            Stream<String> lines;
            try {
                lines = Files.lines(list);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int[] number = {-1};
            return lines.filter(text -> !text.isBlank())
                    .map(text -> parse(folder, text, ++number[0]))
                    .filter(line -> line.row() % folds >= from && line.row() % folds < to);
        });
    }

    private static Line parse(Path folder, String text, int row) {
        int space = text.lastIndexOf(' ');
        return new Line(folder.resolve(text.substring(0, space).trim()), Integer.parseInt(text.substring(space + 1)),
                row);
    }
}
