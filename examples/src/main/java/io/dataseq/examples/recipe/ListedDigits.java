package io.dataseq.examples.recipe;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.files.PathLabelList;
import io.dataseq.hdf5.Hdf5Rows;
import io.dataseq.stream.DescriptorSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * The classic generator recipe, with no concatenation and no pre-processor: an endless stream over a "path label"
 * file list ({@link PathLabelList}), each line an image of a digit and its class, plus a second input read from HDF5
 * by the line's number (here, the ink profile of the image: its row and column sums). Two {@code @Features} methods
 * make the generated {@link ListedDigitsSequence} a {@code MultiDataSetIterator} for a two-input
 * {@code ComputationGraph}; the descriptor parameter ({@link Line}) makes it a streaming reader; {@code stepsPerEpoch}
 * reads the list as an endless stream, {@code stepsPerEpoch} batches an epoch, shuffled within blocks of the stream.
 */
@DataSequence(batchSize = 32, shuffle = true, seed = 11, stepsPerEpoch = 50)
public final class ListedDigits implements AutoCloseable {
    /** The length of an image's ink profile: 28 row sums, then 28 column sums. */
    public static final int PROFILE = 56;
    public static final int CLASSES = 10;

    /** One entry of the list, by its number: its record in the list and its row in the HDF5 file. */
    public record Line(int row) {}

    private final PathLabelList list;
    private final Hdf5Rows profiles;

    /** Reads the images of {@code list}, and the ink profiles from {@code profiles}, dataset {@code profiles}. */
    public ListedDigits(PathLabelList list, Path profiles) {
        this.list = list;
        this.profiles = Hdf5Rows.open(profiles, "profiles");
    }

    /** The image file's bytes, read only if the file is under the list's root when it is opened. */
    @Features(order = 0)
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
    public byte[] image(Line line) throws IOException {
        return list.bytes(line.row());
    }

    @Features(order = 1, shape = {PROFILE})
    public float[] profile(Line line) {
        return profiles.read(line.row());
    }

    @Label(classes = CLASSES)
    public int digit(Line line) {
        return list.classOf(line.row());
    }

    @Describe
    public String describe(Line line) {
        return list.file(line.row()) + " (" + list.list().getFileName() + " line " + list.line(line.row())
                + ", profile row " + line.row() + ")";
    }

    @Override
    public void close() {
        profiles.close();
    }

    /**
     * The entries of {@code list} whose number {@code mod folds} is in {@code [from, to)}, in the list's order, as a
     * stream made afresh on each opening.
     */
    public static DescriptorSource<Line> lines(PathLabelList list, int folds, int from, int to) {
        return DescriptorSource.ofStream(() -> IntStream.range(0, list.size())
                .filter(row -> row % folds >= from && row % folds < to)
                .mapToObj(Line::new));
    }
}
