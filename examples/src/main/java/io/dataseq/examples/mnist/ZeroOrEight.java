package io.dataseq.examples.mnist;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Zeros against eights: two classes, named "0" and "8". Generates {@code ZeroOrEightSequence}. */
@DataSequence(batchSize = 32, shuffle = true, seed = 7)
public class ZeroOrEight {
    private final List<Path> files;
    private final boolean[] eight;

    /** A reader over the zeros and eights of {@code records}; other digits are left out. */
    public ZeroOrEight(List<LabelledFile> records) {
        List<LabelledFile> kept = DigitFiles.only(records, digit -> digit == 0 || digit == 8);
        this.files = kept.stream().map(LabelledFile::file).toList();
        this.eight = new boolean[kept.size()];
        for (int i = 0; i < eight.length; i++) {
            eight[i] = kept.get(i).digit() == 8;
        }
    }

    @Size
    public int size() {
        return files.size();
    }

    @Describe
    public Path file(int record) {
        return files.get(record);
    }

    @Features(shape = {1, 28, 28})
    public float[] pixels(int record) throws IOException {
        return Grayscale.decode(files.get(record), 28, 28);
    }

    @Label(classes = 2, names = {"0", "8"})
    public int isEight(int record) {
        return eight[record] ? 1 : 0;
    }
}
