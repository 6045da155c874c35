package io.dataseq.spark;

import com.sun.management.OperatingSystemMXBean;
import io.dataseq.annotation.ErrorPolicy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;

/**
 * Records a second written to a store by {@code writeStore} on one machine (1 and 2 workers) and by
 * {@link SparkStoreWriter} on {@code local[1]} and {@code local[2]} (1 and 2 executor cores), over the bundled MNIST
 * JPEGs (decoded by {@code @Image}, 28 x 28 gray), as a ratio of the two; and the records a CPU second of the whole
 * process (driver and executor, in local mode), which a machine shared with other work does not change as much. Not a test: a harness, run with
 * {@code mvn -B -pl spark -am -DskipTests -Pspark-bench verify} (docs/spark.md, "Figures"). Arguments: records
 * (default 40000), records a chunk (5000), measured runs (3; one run of each first, not measured), and the core
 * counts to measure (default 1 and 2). {@code writeStore(workers(1))} runs its consumer beside its worker, so on a
 * machine with more cores it has more than one: to compare one core with one core, run the harness pinned to the
 * cores it measures ({@code taskset -c 0 ... 1}, {@code taskset -c 0,1 ... 2} on Linux).
 */
public final class SparkStoreBenchmark {
    private SparkStoreBenchmark() {}

    public static void main(String[] args) throws IOException {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int recordsPerChunk = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int[] coreCounts = args.length > 3 ? Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2};
        BuilderSupplier digits = SparkStoreWriterTest.digits(records, ErrorPolicy.FAIL, SparkDigits.Hook.NONE);
        Path scratch = Files.createTempDirectory("dataseq-spark-bench-");
        System.out.printf(Locale.ROOT, "%d records (the bundled MNIST JPEGs, again and again), %d a chunk, median of"
                + " %d runs, %d processors%n", records, recordsPerChunk, runs, Runtime.getRuntime().availableProcessors());
        try {
            for (int cores : coreCounts) {
                int workers = cores;
                SparkContext spark = new SparkContext(Spark.localConf("local[" + cores + "]"));
                double[] seconds;
                try {
                    // The two alternate, run by run: a machine shared with other work slows both alike.
                    seconds = medians(runs, scratch,
                            directory -> digits.builder().workers(workers).writeStore(directory),
                            directory -> SparkStoreWriter.of(spark, digits).recordsPerChunk(recordsPerChunk)
                                    .write(directory.toString()));
                } finally {
                    spark.stop();
                }
                System.out.printf(Locale.ROOT, "%d core(s): writeStore workers(%d) %.0f records/s (%.0f a CPU second);"
                        + " SparkStoreWriter local[%d] %.0f records/s (%.0f a CPU second); ratio %.2f (%.2f in CPU);"
                        + " load average %.1f%n", cores, workers, records / seconds[0], records / seconds[2], cores,
                        records / seconds[1], records / seconds[3], seconds[0] / seconds[1], seconds[2] / seconds[3],
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            delete(scratch);
        }
    }

    @FunctionalInterface
    private interface Write {
        void into(Path directory) throws IOException;
    }

    /**
     * The median wall-clock seconds and the median CPU seconds of the process of {@code runs} writes of each of
     * {@code writes} (as {@code [wall..., cpu...]}), each into a new directory, taking turns, after one of each that
     * is not measured.
     */
    private static double[] medians(int runs, Path scratch, Write... writes) throws IOException {
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[][] seconds = new double[2 * writes.length][runs];
        for (int run = -1; run < runs; run++) {
            for (int w = 0; w < writes.length; w++) {
                Path directory = Files.createTempDirectory(scratch, "store-");
                long cpu = system.getProcessCpuTime();
                long start = System.nanoTime();
                writes[w].into(directory);
                if (run >= 0) {
                    seconds[w][run] = (System.nanoTime() - start) / 1e9;
                    seconds[writes.length + w][run] = (system.getProcessCpuTime() - cpu) / 1e9;
                }
                delete(directory);
            }
        }
        double[] medians = new double[seconds.length];
        for (int m = 0; m < seconds.length; m++) {
            Arrays.sort(seconds[m]);
            medians[m] = seconds[m][runs / 2];
        }
        return medians;
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
