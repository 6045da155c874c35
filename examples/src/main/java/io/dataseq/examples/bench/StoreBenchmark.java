package io.dataseq.examples.bench;

import io.dataseq.image.ImageSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The record store against decoding, on the image benchmark's synthetic set (20,000 64x64 RGB JPEGs in 10 class
 * folders, {@link ShapeImages}), all in one run: the bare OpenCV decode loop on 1 and 2 threads; a DataSeq epoch that
 * decodes; the first epoch of a sequence with {@code cache(directory)}, which decodes and writes the store; epochs
 * read from the store with 1 and 2 workers (in order, and shuffled and augmented); a plain copy of the store's bytes
 * into a batch buffer (the physical limit); and, in a child JVM with {@code -Xmx128m}, a store of more than ten times
 * the heap written and read back whole. Batches of 64; each read figure is the best of {@code --epochs} epochs after
 * a warm-up. Prints a table with the goals and writes it to {@code target/store-benchmark.md}. Run with
 * {@code mvn -B -DskipTests -Pstore-bench verify} (docs/performance.md); {@code -Dstorebench.args="--shapes 2000"}
 * for a quick run.
 */
public final class StoreBenchmark {
    private static final int BATCH = 64;
    private static final Path IMAGES = Path.of("target", "bench-images");
    private static final Path STORE = Path.of("target", "bench-store");
    private static final String CHILD_RESULT = "HEAP-STORE ";
    /** Records of the child's store: 84,000 x 16 KiB = 1.38 GB, 10.3x a 128 MiB heap. */
    private static final int HEAP_RECORDS = 84_000;
    /** Rounds of a decoding epoch and a writing one. */
    private static final int WRITING_ROUNDS = 9;
    private static final java.util.logging.Logger QUIET =
            java.util.logging.Logger.getLogger(io.dataseq.dl4j.PrefetchingIterator.class.getName());

    private StoreBenchmark() {}

    /** Runs the benchmark; {@code --shapes N} sets the synthetic set's size, {@code --epochs N} the best-of count. */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--heap-store")) {
            heapStore(Path.of(args[1]));
            return;
        }
        QUIET.setLevel(java.util.logging.Level.SEVERE); // the consumer does nothing: it always waits, by design
        int shapes = 20_000;
        int epochs = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--shapes")) {
                shapes = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--epochs")) {
                epochs = Integer.parseInt(args[i + 1]);
            }
        }
        Path shapeSet = ShapeImages.write(IMAGES.resolve("shapes-64"), shapes, 64, 1);
        ImageSpec spec = ImageSpec.builder(64, 64).build();
        ImageSpec augmented = ImageSpec.builder(64, 64).flipHorizontal(0.5).rotateDegrees(10).build();
        ImageBenchmark.Set set = new ImageBenchmark.Set(shapeSet, 64, 3, spec, 1);
        int classes = set.reader.classes().size();
        System.out.printf(Locale.ROOT, "%d synthetic 64x64 RGB JPEGs (%.1f MB); %d cores, OMP_NUM_THREADS=%s%n",
                shapes, ShapeImages.bytes(shapeSet) / 1e6, Runtime.getRuntime().availableProcessors(),
                System.getenv("OMP_NUM_THREADS"));

        double bare1 = ImageBenchmark.bare(set, 1);
        double bare2 = ImageBenchmark.bare(set, 2);
        // A decoding epoch and a writing one (build() included: it makes the chunk files, each round a new store),
        // in turn: the best of each, and the median of each round's ratio of the two (a pair run back to back sees
        // the same machine: this one's epochs swing by a third from one to the next, which best-of alone does not
        // cancel).
        double decoding = 0;
        double writing = 0;
        List<Double> costs = new ArrayList<>();
        try (LabelledImagesSequence decodingSequence = LabelledImagesSequence.builder(set.reader, spec)
                .batchSize(BATCH).workers(1).training(false).build()) {
            epoch(decodingSequence);
            for (int round = 0; round < WRITING_ROUNDS; round++) {
                double decoded = epoch(decodingSequence);
                delete(STORE);
                long building = System.nanoTime();
                try (LabelledImagesSequence sequence = LabelledImagesSequence.builder(set.reader, spec)
                        .batchSize(BATCH).workers(1).training(false).cache(STORE).build()) {
                    double written = epoch(sequence, building);
                    decoding = Math.max(decoding, decoded);
                    writing = Math.max(writing, written);
                    costs.add(decoded / written);
                    System.out.printf(Locale.ROOT, "round %d: decoding %,.0f images/s, writing %,.0f images/s"
                            + " (%.2fx)%n  %s%n  %s%n", round, decoded, written, decoded / written,
                            decodingSequence.timings(), sequence.timings());
                }
            }
        }
        costs.sort(null);
        double writingCost = costs.get(costs.size() / 2);
        double read1;
        try (LabelledImagesSequence sequence = LabelledImagesSequence.fromStore(STORE, spec, classes)
                .batchSize(BATCH).workers(1).training(false).build()) {
            read1 = best(sequence, epochs, "DataSeq from the store, 1 worker");
        }
        double read2 = fromStore(spec, classes, 2, false, epochs, "DataSeq from the store, 2 workers");
        double augmented1 = fromStore(augmented, classes, 1, true, epochs,
                "from the store, shuffled + flip/rotate, 1 worker");
        double augmented2 = fromStore(augmented, classes, 2, true, epochs,
                "from the store, shuffled + flip/rotate, 2 workers");
        int recordBytes = Integer.parseInt(manifestValue(STORE.resolve("store"), "record-bytes"));
        double copyStored = plainCopy(chunks(STORE.resolve("store")), recordBytes, epochs,
                "plain copy of the stored bytes");
        int rowBytes = (64 * 64 * 3 + 10) * Float.BYTES;
        double copyRows = plainCopy(floatRows(shapes), rowBytes, epochs, "plain copy of float32 batch rows");
        long storeBytes = storeBytes(STORE.resolve("store"));

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%d synthetic 64x64 RGB JPEGs; store %.1f MB (%d bytes a record);"
                + " batches of %d; best of %d epochs after a warm-up%n%n", shapes, storeBytes / 1e6,
                storeBytes / shapes, BATCH, epochs));
        report.append("| epoch | images/s |\n| --- | --- |\n");
        row(report, "bare OpenCV decode loop, 1 thread", bare1);
        row(report, "bare OpenCV decode loop, 2 threads", bare2);
        row(report, "DataSeq decoding the JPEGs, 1 worker", decoding);
        row(report, "DataSeq writing the store (first epoch with `cache`), 1 worker", writing);
        row(report, "DataSeq from the store, 1 worker", read1);
        row(report, "DataSeq from the store, 2 workers", read2);
        row(report, "DataSeq from the store, shuffled, flip + rotate, 1 worker", augmented1);
        row(report, "DataSeq from the store, shuffled, flip + rotate, 2 workers", augmented2);
        row(report, "plain copy of each record's stored bytes (" + recordBytes + ") into a batch buffer, 1 thread",
                copyStored);
        row(report, "plain copy of each record's float32 batch row (" + rowBytes + " bytes) into a batch buffer,"
                + " 1 thread", copyRows);
        report.append("\n| goal | measured | met |\n| --- | --- | --- |\n");
        goal(report, "from the store, 1 worker >= 5x the bare loop on 1 thread", read1 / bare1, 5, true);
        goal(report, "from the store, 2 workers >= 5x the bare loop on 2 threads", read2 / bare2, 5, true);
        goal(report, "store read + batch assembly >= 0.5x a plain copy of the batch's float32 rows", read1 / copyRows,
                0.5, true);
        goal(report, "(for scale: against a plain copy of the 8-bit stored bytes alone)", read1 / copyStored, 0.5,
                true);
        goal(report, String.format(Locale.ROOT, "writing epoch's time (build() included) <= 1.2x a decoding epoch's"
                + " (median of %d rounds, each a decoding epoch and a writing one back to back; rounds: %s;"
                + " best against best: %.2fx)", costs.size(), ratios(costs), decoding / writing), writingCost, 1.2,
                false);
        report.append('\n').append(childHeapStore()).append('\n');
        System.out.println();
        System.out.println(report);
        Files.writeString(Path.of("target", "store-benchmark.md"), report);
        delete(STORE);
    }

    private static double fromStore(ImageSpec spec, int classes, int workers, boolean training, int epochs,
            String name) {
        try (LabelledImagesSequence sequence = LabelledImagesSequence.fromStore(STORE, spec, classes)
                .batchSize(BATCH).workers(workers).shuffle(training).training(training).seed(7).build()) {
            return best(sequence, epochs, name);
        }
    }

    /** One warm-up epoch, then the best of {@code epochs}, in images/s. */
    private static double best(LabelledImagesSequence sequence, int epochs, String name) {
        epoch(sequence);
        double best = 0;
        for (int e = 0; e < epochs; e++) {
            best = Math.max(best, epoch(sequence));
        }
        System.out.printf(Locale.ROOT, "%-55s %,10.0f images/s%n  %s%n", name, best, sequence.timings());
        return best;
    }

    /** Reads one epoch and returns its images/s; resets for the next. */
    private static String ratios(List<Double> ratios) {
        StringBuilder text = new StringBuilder();
        for (double ratio : ratios) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2fx", ratio));
        }
        return text.toString();
    }

    private static double epoch(LabelledImagesSequence sequence) {
        return epoch(sequence, System.nanoTime());
    }

    /** Reads one epoch and returns its images/s since {@code start}; resets for the next. */
    private static double epoch(LabelledImagesSequence sequence, long start) {
        long images = 0;
        while (sequence.hasNext()) {
            images += sequence.next().numExamples();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sequence.reset();
        return images / seconds;
    }

    /**
     * Records/s of a plain copy of {@code recordBytes} a record, in order, from {@code sources} (the store's
     * memory-mapped chunks, or a buffer of float32 rows as large) into a direct buffer the size of a float32 batch,
     * row after row: what reading a store costs at the least.
     */
    private static double plainCopy(List<? extends ByteBuffer> sources, int recordBytes, int epochs, String name) {
        ByteBuffer batch = ByteBuffer.allocateDirect(BATCH * Math.max(recordBytes, 64 * 64 * 3 * Float.BYTES));
        double best = 0;
        for (int e = 0; e <= epochs; e++) {
            long start = System.nanoTime();
            long records = 0;
            for (ByteBuffer source : sources) {
                for (int at = 0; at + recordBytes <= source.capacity(); at += recordBytes) {
                    int row = (int) (records++ % BATCH);
                    batch.put(row * recordBytes, source, at, recordBytes);
                }
            }
            best = Math.max(best, records / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf(Locale.ROOT, "%-55s %,10.0f images/s%n", name, best);
        return best;
    }

    /** The store's chunk files, memory-mapped. */
    private static List<MappedByteBuffer> chunks(Path store) throws IOException {
        List<MappedByteBuffer> chunks = new ArrayList<>();
        for (Path chunk : chunkFiles(store)) {
            try (FileChannel channel = FileChannel.open(chunk, StandardOpenOption.READ)) {
                chunks.add(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
            }
        }
        return chunks;
    }

    /** {@code records} float32 batch rows of a 64x64 RGB image and a 10-class label, in direct buffers of 64 MiB. */
    private static List<ByteBuffer> floatRows(int records) {
        int rowBytes = (64 * 64 * 3 + 10) * Float.BYTES;
        int perBuffer = (64 << 20) / rowBytes;
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int first = 0; first < records; first += perBuffer) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(Math.min(perBuffer, records - first) * rowBytes);
            for (int i = 0; i < buffer.capacity(); i += Float.BYTES) {
                buffer.putFloat(i, i % 251 / 251f); // pages touched, as a store's are
            }
            buffers.add(buffer);
        }
        return buffers;
    }

    /** Runs {@link #heapStore} in a child JVM with a 128 MiB heap, so that the limit is real. */
    private static String childHeapStore() throws Exception {
        Path log = Path.of("target", "heap-store.log");
        Path directory = Path.of("target", "bench-heap-store");
        delete(directory);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                StoreBenchmark.class.getName(), "--heap-store", directory.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        boolean ended = child.waitFor(20, TimeUnit.MINUTES);
        delete(directory);
        if (!ended || child.exitValue() != 0) {
            child.destroyForcibly();
            return "The -Xmx128m store FAILED; see " + log;
        }
        String result = Files.readAllLines(log).stream().filter(line -> line.startsWith(CHILD_RESULT))
                .findFirst().orElse("(no result)").substring(CHILD_RESULT.length());
        System.out.println("-Xmx128m child: " + result);
        return "A store larger than the heap (child JVM, `-Xmx128m`, 2 workers, " + HEAP_RECORDS + " records of "
                + SyntheticRows.VALUES + " floats): " + result + ".";
    }

    /** The child: writes the store with writeStore, reads one epoch from it; prints one result line. */
    private static void heapStore(Path directory) throws IOException {
        long start = System.nanoTime();
        SyntheticRowsSequence.builder(new SyntheticRows(HEAP_RECORDS)).workers(2).writeStore(directory);
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        long bytes = storeBytes(directory.resolve("store"));
        try (SyntheticRowsSequence sequence = SyntheticRowsSequence.fromStore(directory).workers(2).shuffle(true)
                .build()) {
            start = System.nanoTime();
            long records = 0;
            while (sequence.hasNext()) {
                records += sequence.next().numExamples();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap = Runtime.getRuntime().maxMemory();
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf(Locale.ROOT, CHILD_RESULT + "written in %.1f s; a shuffled epoch of %d records in"
                    + " %.1f s (%,.0f records/s, %.0f MB/s); the store is %.0f MB = **%.1fx** the %.0f MiB heap;"
                    + " peak heap use %.0f MiB; at the end %s%n", writeSeconds, records, seconds, records / seconds,
                    bytes / seconds / 1e6, bytes / 1e6, (double) bytes / heap, heap / 1048576.0,
                    peakHeap / 1048576.0, residentMemory());
        }
    }

    /** Resident memory from /proc/self/status: anonymous (heap, native) and file-backed (mapped store pages). */
    private static String residentMemory() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "(no /proc)";
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmHWM") || line.startsWith("RssAnon") || line.startsWith("RssFile"))
                .map(line -> line.replaceAll("\\s+", " "))
                .collect(Collectors.joining(", "));
    }

    private static String manifestValue(Path store, String key) throws IOException {
        return Files.readAllLines(store.resolve("manifest")).stream().filter(line -> line.startsWith(key + " "))
                .findFirst().orElseThrow().substring(key.length() + 1);
    }

    private static List<Path> chunkFiles(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(file -> file.getFileName().toString().startsWith("chunk-")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static long storeBytes(Path store) throws IOException {
        long bytes = 0;
        for (Path chunk : chunkFiles(store)) {
            bytes += Files.size(chunk);
        }
        return bytes;
    }

    private static void row(StringBuilder report, String epoch, double rate) {
        report.append(String.format(Locale.ROOT, "| %s | %,.0f |%n", epoch, rate));
    }

    private static void goal(StringBuilder report, String goal, double ratio, double target, boolean atLeast) {
        boolean met = atLeast ? ratio >= target : ratio <= target;
        report.append(String.format(Locale.ROOT, "| %s | %.2fx | %s |%n", goal, ratio, met ? "yes" : "no"));
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
