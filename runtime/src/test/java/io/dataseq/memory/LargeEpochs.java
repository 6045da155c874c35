package io.dataseq.memory;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The child JVM of {@link LargeEpochsTest}: reads {@code epochs} shuffled epochs of {@link SyntheticRecords} (the
 * second after {@code reset()}), checks every batch, and prints one line, {@code RESULT key=value ...}, for the
 * parent to judge. Exits 0 when every check passed, 1 with a stack trace otherwise.
 *
 * <p>Arguments: {@code records workers prefetch epochs}.
 */
final class LargeEpochs {
    static final String RESULT = "RESULT ";

    // The values compared with the formula in three rows of every batch; value 0 (the record) is read in every row.
    private static final int[] SAMPLED_VALUES = {1, 2, SyntheticRecords.VALUES / 2, SyntheticRecords.VALUES - 1};

    private final int records;
    private final Runtime runtime = Runtime.getRuntime();
    private long peakHeapUsed;

    private LargeEpochs(int records) {
        this.records = records;
    }

    public static void main(String[] args) {
        try {
            int records = Integer.parseInt(args[0]);
            int workers = Integer.parseInt(args[1]);
            int prefetch = Integer.parseInt(args[2]);
            int epochs = Integer.parseInt(args[3]);
            System.out.println(RESULT + new LargeEpochs(records).run(workers, prefetch, epochs));
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private String run(int workers, int prefetch, int epochs) {
        long started = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        int[] recordsPerEpoch = new int[epochs];
        int[] previousOrder = null;
        try (SyntheticRecordsSequence sequence = SyntheticRecordsSequence.builder(new SyntheticRecords(records))
                .shuffle(true)
                .seed(42)
                .workers(workers)
                .prefetch(prefetch)
                .build()) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (epoch > 0) {
                    sequence.reset();
                }
                int[] order = readEpoch(sequence, epoch);
                recordsPerEpoch[epoch] = order.length;
                check(!isIdentity(order), "epoch " + epoch + " is not shuffled");
                check(previousOrder == null || !Arrays.equals(order, previousOrder),
                        "epoch " + epoch + " repeats the order of the epoch before");
                previousOrder = order;
            }
            result.put("records", Arrays.stream(recordsPerEpoch)
                    .mapToObj(Integer::toString).collect(Collectors.joining(",")));
            result.put("allocatedBuffers", sequence.allocatedBuffers());
            result.put("window", sequence.prefetchSettings().window());
        }
        result.put("featureBytes", (long) records * SyntheticRecords.VALUES * Float.BYTES);
        result.put("heapMaxBytes", runtime.maxMemory());
        result.put("heapPeakUsedBytes", peakHeapUsed);
        result.put("heapUsedBytes", runtime.totalMemory() - runtime.freeMemory());
        // The process's resident memory, heap and off-heap together: ND4J's buffers are not in the heap figures.
        result.put("residentBytes", Pointer.physicalBytes());
        result.put("seconds", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
        StringJoiner line = new StringJoiner(" ");
        result.forEach((key, value) -> line.add(key + "=" + value));
        return line.toString();
    }

    /** Reads one epoch, checks it, and returns its records in the order delivered. */
    private int[] readEpoch(SyntheticRecordsSequence sequence, int epoch) {
        int[] order = new int[records];
        BitSet seen = new BitSet(records);
        int delivered = 0;
        int batches = 0;
        while (sequence.hasNext()) {
            DataSet batch = sequence.next();
            INDArray features = batch.getFeatures();
            INDArray labels = batch.getLabels();
            int rows = batch.numExamples();
            String where = "epoch " + epoch + ", batch " + batches;
            check(rows > 0 && rows <= sequence.batch(), where + " has " + rows + " rows");
            check(features.size(1) == SyntheticRecords.VALUES, where + " has features " + features.shapeInfoToString());
            check(delivered + rows <= records, where + " goes past the " + records + " records of an epoch");
            for (int row = 0; row < rows; row++) {
                int record = (int) features.getFloat(row, 0);
                if (record < 0 || record >= records || seen.get(record)) { // not check(): no message built per row
                    throw new IllegalStateException(
                            where + ", row " + row + ": record " + record + " is out of range or delivered twice");
                }
                seen.set(record);
                order[delivered + row] = record;
            }
            for (int row : new int[] {0, rows / 2, rows - 1}) {
                int record = order[delivered + row];
                for (int i : SAMPLED_VALUES) {
                    float expected = SyntheticRecords.value(record, i);
                    float actual = features.getFloat(row, i);
                    check(actual == expected, where + ", row " + row + " (record " + record + "), value " + i
                            + ": " + actual + ", expected " + expected);
                }
                check(labels.getFloat(row, record % SyntheticRecords.CLASSES) == 1f
                                && labels.getRow(row).sumNumber().floatValue() == 1f,
                        where + ", row " + row + " (record " + record + "): label " + labels.getRow(row));
            }
            delivered += rows;
            batches++;
            peakHeapUsed = Math.max(peakHeapUsed, runtime.totalMemory() - runtime.freeMemory());
        }
        check(delivered == records && seen.cardinality() == records,
                "epoch " + epoch + " delivered " + delivered + " rows of " + seen.cardinality() + " distinct records");
        return order;
    }

    private static boolean isIdentity(int[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
