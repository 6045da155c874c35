package io.dataseq.examples.mnist;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** The digits reader, counting how often each record's pixels are read (from whichever thread). */
@DataSequence(batchSize = 50, shuffle = true, seed = 11)
public class CountingDigits {
    private final List<Path> files;
    private final int[] digits;
    private final AtomicIntegerArray reads;

    public CountingDigits(List<LabelledFile> records) {
        this.files = records.stream().map(LabelledFile::file).toList();
        this.digits = records.stream().mapToInt(LabelledFile::digit).toArray();
        this.reads = new AtomicIntegerArray(files.size());
    }

    /** How many times record {@code record} has been read. */
    public int reads(int record) {
        return reads.get(record);
    }

    @Size
    public int size() {
        return files.size();
    }

    @Features(shape = {1, 28, 28})
    public float[] pixels(int record) throws IOException {
        reads.incrementAndGet(record);
        return Grayscale.decode(files.get(record), 28, 28);
    }

    @Label(classes = 10)
    public int digit(int record) {
        return digits[record];
    }
}
