package io.dataseq.examples.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import io.dataseq.annotation.Image;
import io.dataseq.image.ImageSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.recordreader.ImageRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * Images per second over full epochs of JPEG files, after a warm-up epoch, for DataSeq (1 and 2 workers), DataVec's
 * image pipeline (plain and in an {@code AsyncDataSetIterator}) and a bare OpenCV loop that only reads and decodes
 * each file into a float buffer (1 and 2 threads). Generates its own sets under {@code target/bench-images}: 20,000
 * synthetic 64x64 RGB JPEGs with drawn shapes in 10 class folders, the bundled MNIST digits as they are, and 1,000
 * 512x512 JPEGs for the gain of reduced decoding; then one full DataSeq epoch in a child JVM with a 128 MiB heap.
 * Prints a table and writes it to {@code target/image-benchmark.md}. Run with {@code mvn -B -DskipTests -Pimage-bench
 * verify} (docs/performance.md); {@code -Dimagebench.args="--shapes 2000"} for a quick run.
 */
public final class ImageBenchmark {
    private static final int BATCH = 64;
    private static final Path IMAGES = Path.of("target", "bench-images");
    private static final Path MNIST = Path.of("data", "mnist-jpg");
    private static final String CHILD_RESULT = "HEAP-EPOCH ";
    private static final java.util.logging.Logger QUIET =
            java.util.logging.Logger.getLogger(io.dataseq.dl4j.PrefetchingIterator.class.getName());

    private ImageBenchmark() {}

    /** Runs the benchmark; {@code --shapes N} sets the synthetic set's size (default 20,000). */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--heap-epoch")) {
            heapEpoch(Path.of(args[1]));
            return;
        }
        // Here the consumer does nothing with its batches, so it always waits for the workers: the starved-consumer
        // warning would fire every epoch by design. The timings are printed below instead.
        QUIET.setLevel(java.util.logging.Level.SEVERE);
        int shapes = 20_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--shapes")) {
                shapes = Integer.parseInt(args[i + 1]);
            }
        }
        Path shapeSet = ShapeImages.write(IMAGES.resolve("shapes-64"), shapes, 64, 1);
        Path largeSet = ShapeImages.write(IMAGES.resolve("shapes-512"), 1_000, 512, 2);
        System.out.printf(Locale.ROOT, "sets: %d shapes 64x64 (%.1f MB), %d MNIST digits, 1000 shapes 512x512 (%.1f MB);"
                + " %d cores, OMP_NUM_THREADS=%s%n", shapes, ShapeImages.bytes(shapeSet) / 1e6,
                new LabelledImages(MNIST).size(), ShapeImages.bytes(largeSet) / 1e6,
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"));

        StringBuilder report = new StringBuilder();
        report.append("| pipeline | threads | synthetic 64x64 RGB, images/s | MNIST 28x28 gray, images/s |\n")
                .append("| --- | --- | --- | --- |\n");
        Map<String, double[]> results = new LinkedHashMap<>();
        Set shapeSpec = new Set(shapeSet, 64, 3, ImageSpec.builder(64, 64).build(), 1);
        Set mnistSpec = new Set(MNIST, 28, 1, ImageSpec.builder(28, 28).channels(Image.Channels.GRAY).build(), 8);
        for (int threads = 1; threads <= 2; threads++) {
            int t = threads;
            results.put("bare OpenCV loop|" + t, both(shapeSpec, mnistSpec, set -> bare(set, t)));
        }
        for (int workers = 1; workers <= 2; workers++) {
            int w = workers;
            results.put("DataSeq|" + w, both(shapeSpec, mnistSpec, set -> dataSeq(set, set.spec, w)));
        }
        results.put("DataVec ImageRecordReader|1", both(shapeSpec, mnistSpec, set -> dataVec(set, false)));
        results.put("DataVec + AsyncDataSetIterator|1 + 1 prefetch",
                both(shapeSpec, mnistSpec, set -> dataVec(set, true)));
        for (Map.Entry<String, double[]> row : results.entrySet()) {
            String[] name = row.getKey().split("\\|");
            report.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f |%n", name[0], name[1],
                    row.getValue()[0], row.getValue()[1]));
        }
        report.append('\n').append(goals(results));

        Set large = new Set(largeSet, 512, 3, null, 1);
        double full = dataSeq(large, ImageSpec.builder(128, 128).reducedDecode(false).build(), 2);
        double reduced = dataSeq(large, ImageSpec.builder(128, 128).build(), 2);
        report.append(String.format(Locale.ROOT, "%nReduced decoding, 1,000 512x512 JPEGs declared 128x128, DataSeq"
                + " 2 workers: full decode %,.0f images/s, reduced (1/4 scale) %,.0f images/s: **%.2fx**.%n", full,
                reduced, reduced / full));
        report.append('\n').append(childHeapEpoch(shapeSet, shapes)).append('\n');

        System.out.println();
        System.out.println(report);
        Files.writeString(Path.of("target", "image-benchmark.md"), report);
    }

    /** One image set and how each pipeline reads it. */
    static final class Set {
        final List<Path> files;
        final LabelledImages reader;
        final Path root;
        final int size;
        final int channels;
        final ImageSpec spec;
        final int epochs;

        Set(Path root, int size, int channels, ImageSpec spec, int epochs) {
            this.root = root;
            this.reader = new LabelledImages(root);
            this.files = reader.files();
            this.size = size;
            this.channels = channels;
            this.spec = spec;
            this.epochs = epochs;
        }

        int images() {
            return files.size() * epochs;
        }
    }

    @FunctionalInterface
    private interface Pipeline {
        double imagesPerSecond(Set set) throws Exception;
    }

    private static double[] both(Set shapes, Set mnist, Pipeline pipeline) throws Exception {
        return new double[] {pipeline.imagesPerSecond(shapes), pipeline.imagesPerSecond(mnist)};
    }

    /** Reads and decodes every file with OpenCV into a float buffer, on {@code threads} threads; nothing else. */
    static double bare(Set set, int threads) throws Exception {
        epochOfBare(set, threads, 1);
        long start = System.nanoTime();
        epochOfBare(set, threads, set.epochs);
        return report("bare OpenCV loop, " + threads + " thread(s)", set, start, "");
    }

    private static void epochOfBare(Set set, int threads, int epochs) throws InterruptedException {
        int flags = set.channels == 1 ? IMREAD_GRAYSCALE : IMREAD_COLOR;
        List<Thread> started = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                int length = set.size * set.size * set.channels;
                try (FloatPointer values = new FloatPointer(length);
                        Mat target = new Mat(set.size, set.size, CV_32FC(set.channels), values)) {
                    for (int e = 0; e < epochs; e++) {
                        for (int i = first; i < set.files.size(); i += threads) {
                            try (Mat image = imread(set.files.get(i).toString(), flags)) {
                                image.convertTo(target, CV_32F, 1 / 255.0, 0);
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "bare-" + t);
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }

    /** DataSeq over the set's files, decoded as {@code spec} declares, on {@code workers} workers. */
    private static double dataSeq(Set set, ImageSpec spec, int workers) {
        try (LabelledImagesSequence sequence = LabelledImagesSequence.builder(set.reader, spec).batchSize(BATCH)
                .workers(workers).build()) {
            drain(sequence);
            long start = System.nanoTime();
            for (int e = 0; e < set.epochs; e++) {
                sequence.reset();
                drain(sequence);
            }
            return report("DataSeq, " + workers + " worker(s), " + spec.height() + "x" + spec.width()
                    + (spec.reducedDecode() ? "" : " (full decode)"), set, start, "  " + sequence.timings());
        }
    }

    /** DataVec's image pipeline, as its examples build it; in an AsyncDataSetIterator when {@code async}. */
    private static double dataVec(Set set, boolean async) throws IOException {
        ImageRecordReader records = new ImageRecordReader(set.size, set.size, set.channels,
                new ParentPathLabelGenerator());
        records.initialize(new FileSplit(set.root.toFile(), NativeImageLoader.ALLOWED_FORMATS, new Random(1)));
        DataSetIterator iterator = new RecordReaderDataSetIterator(records, BATCH, 1, set.reader.classes().size());
        iterator.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        if (async) {
            iterator = new AsyncDataSetIterator(iterator);
        }
        try {
            drain(iterator);
            long start = System.nanoTime();
            for (int e = 0; e < set.epochs; e++) {
                iterator.reset();
                drain(iterator);
            }
            return report("DataVec" + (async ? " + AsyncDataSetIterator" : ""), set, start, "");
        } finally {
            if (iterator instanceof AsyncDataSetIterator) {
                ((AsyncDataSetIterator) iterator).shutdown();
            }
        }
    }

    private static void drain(DataSetIterator iterator) {
        while (iterator.hasNext()) {
            iterator.next();
        }
    }

    static double report(String pipeline, Set set, long start, String detail) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = set.images() / seconds;
        System.out.printf(Locale.ROOT, "%-55s %-12s %,8.0f images/s (%d images in %.2f s)%n%s", pipeline,
                set.root.getFileName(), rate, set.images(), seconds, detail.isEmpty() ? "" : detail + "\n");
        return rate;
    }

    private static String goals(Map<String, double[]> results) {
        StringBuilder goals = new StringBuilder("| goal (synthetic set) | measured | met |\n| --- | --- | --- |\n");
        double bare1 = results.get("bare OpenCV loop|1")[0];
        double bare2 = results.get("bare OpenCV loop|2")[0];
        double seq1 = results.get("DataSeq|1")[0];
        double seq2 = results.get("DataSeq|2")[0];
        double dataVecBest = Math.max(results.get("DataVec ImageRecordReader|1")[0],
                results.get("DataVec + AsyncDataSetIterator|1 + 1 prefetch")[0]);
        goal(goals, "DataSeq 1 worker >= 0.9x the bare loop on 1 thread", seq1 / bare1, 0.9);
        goal(goals, "DataSeq 2 workers >= 0.9x the bare loop on 2 threads", seq2 / bare2, 0.9);
        goal(goals, "DataSeq 2 workers >= 2x DataVec's best", seq2 / dataVecBest, 2);
        goal(goals, "DataSeq 2 workers >= 1.75x 1 worker", seq2 / seq1, 1.75);
        return goals.toString();
    }

    private static void goal(StringBuilder goals, String goal, double ratio, double target) {
        goals.append(String.format(Locale.ROOT, "| %s | %.2fx | %s |%n", goal, ratio, ratio >= target ? "yes" : "no"));
    }

    /** Runs {@link #heapEpoch} in a child JVM with a 128 MiB heap, so that the limit is real. */
    private static String childHeapEpoch(Path set, int images) throws Exception {
        Path log = Path.of("target", "heap-epoch.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ImageBenchmark.class.getName(), "--heap-epoch", set.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
            child.destroyForcibly();
            return "The -Xmx128m epoch FAILED; see " + log;
        }
        String result = Files.readAllLines(log).stream().filter(line -> line.startsWith(CHILD_RESULT))
                .findFirst().orElse("(no result)").substring(CHILD_RESULT.length());
        System.out.println("-Xmx128m child: " + result);
        return "A full epoch at `-Xmx128m` (child JVM, DataSeq 2 workers, " + images + " synthetic 64x64 JPEGs): "
                + result + ".";
    }

    /** The child: one warm-up and one measured epoch at whatever heap it was given; prints one result line. */
    private static void heapEpoch(Path root) {
        LabelledImages reader = new LabelledImages(root);
        ImageSpec spec = ImageSpec.builder(64, 64).build();
        try (LabelledImagesSequence sequence = LabelledImagesSequence.builder(reader, spec).batchSize(BATCH)
                .workers(2).build()) {
            drain(sequence);
            sequence.reset();
            long start = System.nanoTime();
            long images = 0;
            while (sequence.hasNext()) {
                images += sequence.next().numExamples();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap = Runtime.getRuntime().maxMemory();
            long decoded = images * spec.length() * Float.BYTES;
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf(Locale.ROOT, CHILD_RESULT + "%d images in %.2f s (%,.0f images/s); decoded %.0f MB"
                    + " = %.1fx the %.0f MiB heap; peak heap use %.0f MiB; %d batch buffers allocated%n", images,
                    seconds, images / seconds, decoded / 1e6, (double) decoded / heap, heap / 1048576.0,
                    peakHeap / 1048576.0, sequence.allocatedBuffers());
        }
    }
}
