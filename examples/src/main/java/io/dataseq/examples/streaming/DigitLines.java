package io.dataseq.examples.streaming;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Label;
import io.dataseq.examples.mnist.Grayscale;
import io.dataseq.stream.DescriptorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A streaming reader: its methods take a {@link Digit} descriptor (a line of a file list) instead of a record number,
 * and it has no {@code @Size}. The list is read line by line by a {@link DescriptorSource}, one line at a time; the
 * JPEG of each line is decoded on the worker threads. DataSeq generates {@code DigitLinesSequence}, whose first epoch
 * streams the list in its order and whose later epochs read the recorded descriptors shuffled.
 */
@DataSequence(batchSize = 64, shuffle = true, seed = 42)
public final class DigitLines {
    /** One line of the list: an image file and its digit. */
    public record Digit(Path file, int label) {}

    @Features(shape = {1, 28, 28})
    public float[] pixels(Digit digit) throws IOException {
        return Grayscale.decode(digit.file(), 28, 28);
    }

    @Label(classes = 10)
    public int label(Digit digit) {
        return digit.label();
    }

    @Describe
    public Path file(Digit digit) {
        return digit.file();
    }

    /**
     * The lines of {@code list} ({@code image_name,label} with a header, paths relative to the list's folder) as
     * descriptors, keeping those whose line number (from 0, after the header) {@code mod 5} is in
     * {@code [from, to)} of {@code 0..5}: 0..4 for training, 4..5 for testing. Read afresh, lazily, on each
     * {@code open()}; the sequence closes the stream.
     */
    public static DescriptorSource<Digit> lines(Path list, int from, int to) {
        Path folder = list.toAbsolutePath().getParent();
        return DescriptorSource.ofStream(() -> {
            Stream<String> lines;
            try {
                lines = Files.lines(list);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long[] number = {-1};
            return lines.skip(1)
                    .filter(line -> !line.isBlank())
                    .filter(line -> {
                        long fold = ++number[0] % 5;
                        return fold >= from && fold < to;
                    })
                    .map(line -> parse(folder, line));
        });
    }

    private static Digit parse(Path folder, String line) {
        int comma = line.lastIndexOf(',');
        return new Digit(folder.resolve(line.substring(0, comma).trim()),
                Integer.parseInt(line.substring(comma + 1).trim()));
    }
}
