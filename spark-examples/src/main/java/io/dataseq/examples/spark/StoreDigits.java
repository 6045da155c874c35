package io.dataseq.examples.spark;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The MNIST JPEGs listed in {@code labels.csv} under a root folder (the bundled examples/data/mnist-jpg), decoded by
 * {@code @Image} to 28 x 28 gray. Generates {@code StoreDigitsSequence}; the Spark job makes one on each executor
 * ({@code distributed}: the processor checks that it can, from the root's path alone).
 */
@DataSequence(batchSize = 32, distributed = true)
public class StoreDigits {
    private final List<Path> files;
    private final int[] digits;

    /** The records of {@code root/labels.csv} ({@code image_name,label} lines, the names relative to it). */
    public StoreDigits(String root) {
        try {
            List<String[]> lines = Files.readAllLines(Path.of(root, "labels.csv")).stream().skip(1)
                    .map(line -> line.split(",")).toList();
            this.files = lines.stream().map(line -> Path.of(root, line[0])).toList();
            this.digits = lines.stream().mapToInt(line -> Integer.parseInt(line[1])).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    @Features
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
    public Path pixels(int record) {
        return files.get(record);
    }

    @Label(classes = 10)
    public int digit(int record) {
        return digits[record];
    }
}
