package io.dataseq.examples.bench;

import io.dataseq.annotation.Image;
import io.dataseq.image.ImageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Images/s of an epoch that decodes the bundled MNIST JPEGs ({@code @Image}, 28x28 gray) against an epoch read from
 * a store made by {@code cache(directory)}, and the first, writing epoch: one worker, batches of 64, the best of
 * {@code epochs} epochs each. A plain {@code main}, as {@link ImageBenchmark}: an epoch is the unit. Run from
 * {@code examples/}: {@code java -cp ... io.dataseq.examples.bench.CacheBenchmark [epochs] [workers]}.
 */
public final class CacheBenchmark {
    private static final Path MNIST = Path.of("data", "mnist-jpg");
    private static final Path STORE = Path.of("target", "bench-store");
    private static final int BATCH = 64;

    private CacheBenchmark() {}

    /** Prints images/s of the three kinds of epoch, and their ratios. */
    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        LabelledImages reader = new LabelledImages(MNIST);
        ImageSpec spec = ImageSpec.builder(28, 28).channels(Image.Channels.GRAY).build();
        delete(STORE);

        double decoding = 0;
        try (LabelledImagesSequence sequence = LabelledImagesSequence.builder(reader, spec).batchSize(BATCH)
                .workers(workers).training(false).build()) {
            epoch(sequence); // warm-up
            for (int e = 0; e < epochs; e++) {
                decoding = Math.max(decoding, epoch(sequence));
            }
        }
        double writing;
        double stored = 0;
        try (LabelledImagesSequence sequence = LabelledImagesSequence.builder(reader, spec).batchSize(BATCH)
                .workers(workers).training(false).cache(STORE).build()) {
            writing = epoch(sequence);
            for (int e = 0; e < epochs; e++) {
                stored = Math.max(stored, epoch(sequence));
            }
        }
        System.out.printf(Locale.ROOT, "MNIST %d JPEGs, %d worker(s), batch %d, best of %d epochs%n", reader.size(),
                workers, BATCH, epochs);
        System.out.printf(Locale.ROOT, "decoding epoch      %10.0f images/s%n", decoding);
        System.out.printf(Locale.ROOT, "writing epoch       %10.0f images/s (%.2fx the decoding epoch's time)%n",
                writing, decoding / writing);
        System.out.printf(Locale.ROOT, "epoch from the store %9.0f images/s (%.1fx the decoding epoch)%n", stored,
                stored / decoding);
    }

    /** Reads one epoch and returns its images/s. */
    private static double epoch(LabelledImagesSequence sequence) {
        long start = System.nanoTime();
        long images = 0;
        while (sequence.hasNext()) {
            images += sequence.next().numExamples();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sequence.reset();
        return images / seconds;
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
