package io.dataseq.spark;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code count} records of the bundled MNIST JPEGs (examples/data/mnist-jpg: 2,500; record {@code r} is the
 * {@code r % 2500}-th, so the benchmark can ask for more), decoded by {@code @Image}, with a hook that runs before each
 * record is read: the tests' way to make a record fail, or an attempt fail or wait, on an executor. Generates
 * {@code SparkDigitsSequence}.
 */
@DataSequence(batchSize = 16, distributed = true)
public class SparkDigits {
    /** The bundled JPEGs, from the spark module's directory (the tests' working directory). */
    static final String MNIST = "../examples/data/mnist-jpg";

    /** What runs before a record is read, on the thread that reads it. */
    @FunctionalInterface
    interface Hook extends Serializable {
        Hook NONE = record -> {};

        void before(int record) throws IOException;
    }

    private final List<Path> files;
    private final int[] digits;
    private final int count;
    private final Hook hook;

    SparkDigits(String root, int count, Hook hook) {
        Path labels = Path.of(root, "labels.csv");
        try {
            List<String[]> lines = Files.readAllLines(labels).stream().skip(1).limit(count)
                    .map(line -> line.split(",")).toList();
            this.files = lines.stream().map(line -> Path.of(root, line[0])).toList();
            this.digits = lines.stream().mapToInt(line -> Integer.parseInt(line[1])).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.count = count;
        this.hook = hook;
    }

    @Size
    public int size() {
        return count;
    }

    @Describe
    public Path file(int record) {
        return files.get(record % files.size());
    }

    @Features
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY, mean = 0.13, std = 0.31)
    public Path pixels(int record) throws IOException {
        hook.before(record);
        return files.get(record % files.size());
    }

    @Label(classes = 10)
    public int digit(int record) {
        return digits[record % digits.length];
    }
}
