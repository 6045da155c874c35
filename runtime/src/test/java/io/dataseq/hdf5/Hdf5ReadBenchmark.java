package io.dataseq.hdf5;

import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.index.Permutation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The measurements of docs/hdf5.md; not a test (no unit test asserts a time). A plain harness rather than JMH:
 * every measured operation reads tens of megabytes, so warm-up rounds and the median of several rounds are enough.
 *
 * <ol>
 *   <li><b>float[] against direct</b>, one thread, no engine: rows of 3 sizes read in a shuffled order into a
 *       64-row direct batch buffer, as {@code FloatArrayOutput} does ({@code read(record)} then a bulk put) and as
 *       a direct output does ({@code read(record, buffer, offset)}).</li>
 *   <li><b>Shared against per-worker, 1 and 2 workers</b>: shuffled epochs of a {@link VectorsSequence} over the
 *       18 KB rows, for each binding; every configuration in turn, three times over, three epochs each after a
 *       warm-up epoch: the median rows per second of the nine epochs, and their range.</li>
 * </ol>
 *
 * <p>Run from the repository root after {@code mvn -o -pl runtime test-compile}, with the test class path:
 * {@code java -cp runtime/target/test-classes:runtime/target/classes:<test class path> io.dataseq.hdf5.Hdf5ReadBenchmark
 * [directory for the ~0.8 GB of files]}; set {@code OMP_NUM_THREADS=1} as the tests do.
 */
public final class Hdf5ReadBenchmark {
    private static final long FILE_BYTES = 256L << 20;
    private static final int[] ROW_LENGTHS = {784, 4_500, 150_528}; // a 28x28 digit, 18 KB, a 3x224x224 image
    private static final int SEQUENCE_ROW_LENGTH = 4_500;
    private static final int ROUNDS = 5;
    private static final int EPOCHS = 3;
    private static final int REPEATS = 3;

    private Hdf5ReadBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Paths.get(args[0]) : Files.createTempDirectory("hdf5-bench");
        List<Path> files = new ArrayList<>();
        try {
            System.out.println("| row | float[] (read + put) | direct (read into the batch) | direct / float[] |");
            System.out.println("| --- | --- | --- | --- |");
            for (int length : ROW_LENGTHS) {
                Path file = write(dir, length);
                files.add(file);
                arrayAgainstDirect(file, length);
            }
            System.out.println();
            System.out.println("| binding | readers | 1 worker | 2 workers |");
            System.out.println("| --- | --- | --- | --- |");
            Path file = dir.resolve("rows-" + SEQUENCE_ROW_LENGTH + ".h5");
            // Every configuration in turn, REPEATS times over: a burst of load elsewhere hits them all alike.
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                for (boolean direct : new boolean[] {false, true}) {
                    for (boolean perWorker : new boolean[] {false, true}) {
                        for (int workers : new int[] {1, 2}) {
                            rates.computeIfAbsent(direct + " " + perWorker + " " + workers, key -> new ArrayList<>())
                                    .addAll(sequence(file, direct, perWorker, workers));
                        }
                    }
                }
            }
            for (boolean direct : new boolean[] {false, true}) {
                for (boolean perWorker : new boolean[] {false, true}) {
                    StringBuilder line = new StringBuilder("| " + (direct ? "direct" : "float[]") + " | "
                            + (perWorker ? "per worker" : "shared") + " |");
                    for (int workers : new int[] {1, 2}) {
                        line.append(' ').append(spread(rates.get(direct + " " + perWorker + " " + workers)))
                                .append(" |");
                    }
                    System.out.println(line);
                }
            }
        } finally {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Path write(Path dir, int length) {
        int records = (int) (FILE_BYTES / (length * (long) Float.BYTES));
        Path file = dir.resolve("rows-" + length + ".h5");
        try (Hdf5Writer writer = Hdf5Writer.create(file, Vectors.DATASET, Hdf5Writer.Type.FLOAT32, records,
                length)) {
            int slab = Math.max(1, (4 << 20) / (length * Float.BYTES));
            for (int first = 0; first < records; first += slab) {
                writer.write(first, Hdf5RowsTest.rows(first, Math.min(slab, records - first), length));
            }
        }
        return file;
    }

    /** One line of the first table: the median of ROUNDS rounds of each path, alternating, after one warm-up each. */
    private static void arrayAgainstDirect(Path file, int length) {
        try (Hdf5Rows rows = Hdf5Rows.open(file, Vectors.DATASET)) {
            int records = rows.records();
            Permutation order = new Permutation(records, 42);
            FloatBuffer batch = ByteBuffer.allocateDirect(64 * length * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            double[] array = new double[ROUNDS];
            double[] direct = new double[ROUNDS];
            pass(rows, order, batch, false);
            pass(rows, order, batch, true);
            for (int round = 0; round < ROUNDS; round++) {
                array[round] = pass(rows, order, batch, false);
                direct[round] = pass(rows, order, batch, true);
            }
            double arrayRate = median(array);
            double directRate = median(direct);
            System.out.printf(Locale.ROOT, "| %,d floats (%s), %,d rows | %s | %s | **%.2fx** |%n", length,
                    size(length * 4L), records, rate(arrayRate, length), rate(directRate, length),
                    directRate / arrayRate);
        }
    }

    /** Reads every row once in a shuffled order; returns rows per second. */
    private static double pass(Hdf5Rows rows, Permutation order, FloatBuffer batch, boolean direct) {
        int length = rows.rowLength();
        long started = System.nanoTime();
        for (int i = 0; i < rows.records(); i++) {
            int record = (int) order.apply(i);
            int offset = (i % 64) * length;
            if (direct) {
                rows.read(record, batch, offset);
            } else {
                batch.put(offset, rows.read(record));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (batch.get(0) < 0) {
            throw new AssertionError(); // keeps the reads observable
        }
        return rows.records() / seconds;
    }

    /** Rows per second of EPOCHS shuffled epochs after a warm-up epoch. */
    private static List<Double> sequence(Path file, boolean direct, boolean perWorker, int workers) {
        List<Vectors> opened = Collections.synchronizedList(new ArrayList<>());
        ReaderSource<Vectors> readers = perWorker
                ? ReaderSource.perWorker(() -> track(opened, new Vectors(file)))
                : ReaderSource.shared(track(opened, new Vectors(file)));
        List<Double> rates = new ArrayList<>();
        try (VectorsSequence sequence = VectorsSequence.builder(readers, SEQUENCE_ROW_LENGTH, direct)
                .shuffle(true).seed(7).workers(workers).prefetch(2 * workers + 2).build()) {
            for (int epoch = -1; epoch < EPOCHS; epoch++) {
                sequence.reset();
                long started = System.nanoTime();
                long rows = 0;
                while (sequence.hasNext()) {
                    DataSet batch = sequence.next();
                    rows += batch.numExamples();
                }
                if (epoch >= 0) {
                    rates.add(rows / ((System.nanoTime() - started) / 1e9));
                }
            }
        } finally {
            opened.forEach(Vectors::close);
        }
        return rates;
    }

    /** The median of rows-per-second figures, with their range, in thousands. */
    private static String spread(List<Double> rates) {
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "**%.0fk** (%.0fk-%.0fk)", median(sorted) / 1e3, sorted[0] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }

    private static Vectors track(List<Vectors> opened, Vectors vectors) {
        opened.add(vectors);
        return vectors;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String rate(double rowsPerSecond, int length) {
        return String.format(Locale.ROOT, "%,.0f rows/s (%,.0f MB/s)", rowsPerSecond,
                rowsPerSecond * length * Float.BYTES / 1e6);
    }

    private static String size(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
    }
}
