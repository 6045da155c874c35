package io.dataseq.examples.mnist;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import io.dataseq.files.CsvLabels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * Zeros against eights, from a CSV of file names and digits ({@link CsvLabels#readIndices}); DataSeq decodes the
 * JPEGs ({@code @Image}), read by {@link CsvLabels#bytes} (only files under the CSV's root, checked when each is
 * opened). Generates {@code ZeroOrEightSequence}.
 */
@DataSequence(batchSize = 32, shuffle = true, seed = 7)
public class ZeroOrEight {
    private final CsvLabels digits;
    private final int[] rows; // the CSV's rows of a 0 or an 8

    /** A reader over the zeros and eights of {@code digits}, whose classes are the digits 0..9. */
    public ZeroOrEight(CsvLabels digits) {
        this.digits = digits;
        this.rows = IntStream.range(0, digits.size()).filter(row -> digits.classOf(row) % 8 == 0).toArray();
    }

    @Size
    public int size() {
        return rows.length;
    }

    @Features
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
    public byte[] image(int record) throws IOException {
        return digits.bytes(rows[record]);
    }

    @Describe
    public Path file(int record) {
        return digits.file(rows[record]);
    }

    @Label(classes = 2, names = {"0", "8"})
    public int isEight(int record) {
        return digits.classOf(rows[record]) == 8 ? 1 : 0;
    }
}
