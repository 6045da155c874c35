package io.dataseq.examples.mnist;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** All ten digits: 28x28 grayscale JPEG files, one class per digit. Generates {@code DigitsSequence}. */
@DataSequence(batchSize = 64, shuffle = true, seed = 42)
public class Digits {
    private final List<Path> files;
    private final int[] digits;

    /** A reader over {@code records}; keeps only their paths and labels, so it is immutable and thread-safe. */
    public Digits(List<LabelledFile> records) {
        this.files = records.stream().map(LabelledFile::file).toList();
        this.digits = records.stream().mapToInt(LabelledFile::digit).toArray();
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

    @Label(classes = 10)
    public int digit(int record) {
        return digits[record];
    }
}
