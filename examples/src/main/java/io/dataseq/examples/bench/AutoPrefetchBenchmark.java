package io.dataseq.examples.bench;

import io.dataseq.PrefetchSettings;
import io.dataseq.annotation.DataSequence;
import io.dataseq.image.ImageSpec;
import io.dataseq.index.RecordSubset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code AUTO} workers and prefetch against hand-picked ones, on a loading-bound and a compute-bound run over the same
 * synthetic 64x64 RGB JPEGs (batches of 64), in one JVM. Loading-bound: the consumer does nothing with its batches.
 * Compute-bound: the consumer trains a small DL4J network (a dense layer of 128 and a softmax of 10) on each batch.
 * Each round builds a sequence per configuration (AUTO, then workers 1 and 2 with prefetch 1, 2 and 4), and reads a
 * first epoch (AUTO tunes in it) and then the measured epochs, each configuration in turn, epoch after epoch, so that
 * what else runs on a shared machine meets them all alike; each configuration is given the median of its measured
 * epochs over the rounds. Reports, per run, the ratio of AUTO's epoch time to the best hand-picked configuration's,
 * and the most batch buffers each allocated in any round (AUTO's choice in each round too). Not a test: the ratios
 * are what {@code docs/performance.md} gives. Run with {@code mvn -B -DskipTests -Pauto-bench verify}; writes
 * {@code target/auto-prefetch-benchmark.md}.
 */
public final class AutoPrefetchBenchmark {
    private static final int BATCH = 64;
    private static final Path IMAGES = Path.of("target", "bench-images");
    private static final int[] WORKERS = {1, 2};
    private static final int[] PREFETCH = {1, 2, 4};
    private static final java.util.logging.Logger QUIET =
            java.util.logging.Logger.getLogger(io.dataseq.dl4j.PrefetchingIterator.class.getName());

    private AutoPrefetchBenchmark() {}

    /** What the consumer does with each batch. */
    @FunctionalInterface
    private interface Consumer {
        void accept(DataSet batch);
    }

    /** One configuration's result over the rounds. */
    private static final class Result {
        final String name;
        final int workers;
        final int prefetch;
        final List<Double> epochSeconds = new ArrayList<>();
        final List<Double> firstEpochSeconds = new ArrayList<>();
        final List<String> choices = new ArrayList<>();
        int buffers;

        Result(String name, int workers, int prefetch) {
            this.name = name;
            this.workers = workers;
            this.prefetch = prefetch;
        }

        double seconds() {
            return median(epochSeconds);
        }

        double firstSeconds() {
            return median(firstEpochSeconds);
        }
    }

    /** Runs both; {@code --images N} (default 10,000), {@code --rounds R} (default 3), {@code --epochs E} (6). */
    public static void main(String[] args) throws Exception {
        // The loading-bound consumer always waits, by design: the starved-consumer warning is not news here.
        QUIET.setLevel(java.util.logging.Level.SEVERE);
        int images = 10_000;
        int rounds = 3;
        int epochs = 6;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path set = ShapeImages.write(IMAGES.resolve("shapes-64"), 20_000, 64, 1);
        LabelledImages all = new LabelledImages(set);
        RecordSubset loading = spread(all, images);
        RecordSubset computing = spread(all, images / 8);
        String header = String.format(Locale.ROOT, "%d cores (shared with other work), OMP_NUM_THREADS=%s, %s %s;"
                + " batches of %d 64x64 RGB images (%.1f MB of batch buffers each)",
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), BATCH,
                batchBytes() / 1e6);
        System.out.println(header);

        StringBuilder report = new StringBuilder(header).append("\n\n");
        report.append(run("loading-bound: " + loading.size() + " images, the consumer does nothing", all, loading,
                rounds, epochs, batch -> { }));
        MultiLayerNetwork network = network();
        report.append(run("compute-bound: " + computing.size() + " images, the consumer trains a dense 12288-128-10"
                + " network on each batch", all, computing, rounds, epochs / 2, network::fit));
        System.out.println();
        System.out.println(report);
        Files.writeString(Path.of("target", "auto-prefetch-benchmark.md"), report);
    }

    private static String run(String title, LabelledImages images, RecordSubset subset, int rounds, int epochs,
            Consumer consumer) {
        System.out.println(title);
        List<Result> results = new ArrayList<>();
        results.add(new Result("AUTO", DataSequence.AUTO, DataSequence.AUTO));
        for (int workers : WORKERS) {
            for (int prefetch : PREFETCH) {
                results.add(new Result("workers " + workers + ", prefetch " + prefetch, workers, prefetch));
            }
        }
        warmUp(images, subset, consumer);
        for (int round = 0; round < rounds; round++) {
            List<LabelledImagesSequence> sequences = new ArrayList<>();
            // Each round starts the turns at another configuration.
            List<Result> order = new ArrayList<>(results.subList(round % results.size(), results.size()));
            order.addAll(results.subList(0, round % results.size()));
            try {
                for (Result result : order) {
                    sequences.add(LabelledImagesSequence.builder(images, ImageSpec.builder(64, 64).build())
                            .batchSize(BATCH).subset(subset).shuffle(true).seed(7).workers(result.workers)
                            .prefetch(result.prefetch).build());
                }
                // Epoch after epoch, each configuration in turn: what else runs on the machine meets them all alike.
                for (int e = 0; e <= epochs; e++) {
                    for (int i = 0; i < order.size(); i++) {
                        LabelledImagesSequence sequence = sequences.get(i);
                        sequence.reset();
                        long start = System.nanoTime();
                        epoch(sequence, consumer);
                        double seconds = (System.nanoTime() - start) / 1e9;
                        (e == 0 ? order.get(i).firstEpochSeconds : order.get(i).epochSeconds).add(seconds);
                    }
                }
            } finally {
                for (int i = 0; i < sequences.size(); i++) {
                    LabelledImagesSequence sequence = sequences.get(i);
                    Result result = order.get(i);
                    result.buffers = Math.max(result.buffers, sequence.allocatedBuffers());
                    PrefetchSettings chosen = sequence.prefetchSettings();
                    result.choices.add(chosen.workers() + "/" + chosen.window());
                    System.out.printf(Locale.ROOT, "  round %d %-26s %d buffers; epochs %s; %s%n", round,
                            result.name, sequence.allocatedBuffers(), result.epochSeconds.stream()
                                    .map(t -> String.format(Locale.ROOT, "%.3f", t)).toList(), sequence.timings());
                    sequence.close();
                }
            }
        }
        Result auto = results.get(0);
        Result best = results.subList(1, results.size()).stream()
                .min((a, b) -> Double.compare(a.seconds(), b.seconds())).orElseThrow();
        StringBuilder table = new StringBuilder("**").append(title).append("**\n\n")
                .append("| configuration | epoch, s (median) | first epoch, s (median) | batch buffers (most) |"
                        + " vs best |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (Result result : results) {
            String name = result == auto ? "AUTO (chose, workers/prefetch: " + String.join(", ", result.choices)
                    + ")" : result.name;
            table.append(String.format(Locale.ROOT, "| %s%s | %.3f | %.3f | %d (%.1f MB) | %.3fx |%n", name,
                    result == best ? " (best hand-picked)" : "", result.seconds(), result.firstSeconds(),
                    result.buffers, result.buffers * batchBytes() / 1e6, result.seconds() / best.seconds()));
        }
        double ratio = auto.seconds() / best.seconds();
        table.append(String.format(Locale.ROOT, "%nAUTO / best hand-picked (%s): epoch time **%.3fx** (goal <= 1.05:"
                + " %s), first epoch (AUTO tuning) %.3fx; batch buffers %d vs %d (goal: no more: %s).%n%n",
                best.name, ratio, ratio <= 1.05 ? "met" : "not met", auto.firstSeconds() / best.firstSeconds(),
                auto.buffers, best.buffers, auto.buffers <= best.buffers ? "met" : "not met"));
        return table.toString();
    }

    /** One epoch before any is measured: the JIT, OpenCV and the page cache warm up for every configuration alike. */
    private static void warmUp(LabelledImages images, RecordSubset subset, Consumer consumer) {
        try (LabelledImagesSequence sequence = LabelledImagesSequence.builder(images, ImageSpec.builder(64, 64)
                .build()).batchSize(BATCH).subset(subset).workers(2).prefetch(2).build()) {
            epoch(sequence, consumer);
        }
    }

    private static void epoch(LabelledImagesSequence sequence, Consumer consumer) {
        while (sequence.hasNext()) {
            consumer.accept(sequence.next());
        }
    }

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(ShapeImages.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(64, 64, 3)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /** The bytes of one batch's buffers: the images as float32 and the one-hot labels. */
    private static long batchBytes() {
        return (long) Float.BYTES * BATCH * (3 * 64 * 64 + ShapeImages.CLASSES);
    }

    /** {@code count} records spread evenly over {@code images}, every class among them. */
    private static RecordSubset spread(LabelledImages images, int count) {
        int n = Math.min(count, images.size());
        return RecordSubset.of(IntStream.range(0, n).map(i -> (int) ((long) i * images.size() / n)).toArray());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }
}
