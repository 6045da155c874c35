package io.dataseq.examples.bench;

import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.core.IndexedPlan;
import io.dataseq.internal.engine.BatchLoader;
import io.dataseq.internal.fetch.RecordFetcher;
import io.dataseq.internal.index.EpochIndex;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch assembly against a plain copy of the same bytes: one operation assembles one batch of 64 in-memory
 * {@code float[]} records (plus a one-hot label) into the reused ND4J buffers, or copies the same records with
 * {@code System.arraycopy} into one {@code float[]}. Both move the same feature bytes, so the ratio of their
 * throughputs is the assembly's share of copy bandwidth. With {@code checkFinite}, assembly also reads each record's
 * values back to check them for NaN and infinity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AssemblyBenchmark {
    private static final int BATCH = 64;
    private static final int RECORDS = 1024;

    /** Floats per record: an MNIST digit (784), and a 3x64x64 image (12288). */
    @Param({"784", "12288"})
    public int recordLength;

    /** Whether each record's values are checked for NaN and infinity ({@code checkFinite}): its cost. */
    @Param({"false", "true"})
    public boolean checkFinite;

    private float[][] records;
    private float[] plainBatch;
    private IndexedPlan plan;
    private BatchLoader<BatchBuffers> loader;
    private BatchBuffers buffers;
    private int batch;

    /** Builds the records, the baseline's array and DataSeq's buffers. */
    @Setup
    public void setUp() {
        records = new float[RECORDS][recordLength];
        for (int i = 0; i < RECORDS; i++) {
            for (int j = 0; j < recordLength; j++) {
                records[i][j] = i + j / (float) recordLength;
            }
        }
        plainBatch = new float[BATCH * recordLength];
        ReaderBinding<float[][]> binding = ReaderBinding.<float[][]>builder()
                .size(reader -> reader.length)
                .floatFeatures("values", new int[] {recordLength}, (reader, record, context) -> reader[record])
                .classLabel("parity", 2, List.of(), (reader, record, context) -> record & 1)
                .build();
        EpochIndex index = EpochIndex.builder(RECORDS).batchSize(BATCH).build();
        RecordFetcher<float[][]> fetcher = new RecordFetcher<>(binding, ReaderSource.shared(records),
                ErrorPolicy.FAIL, true, 0, null, false, checkFinite);
        plan = new IndexedPlan(index, fetcher, binding);
        loader = plan.pass(0, 0);
        buffers = plan.newBuffers();
    }

    /** DataSeq: index lookup, reader call, bulk put into the off-heap batch, one-hot label, per record. */
    @Benchmark
    public BatchBuffers assemble() throws Exception {
        loader.load(batch, buffers);
        batch = (batch + 1) % plan.batches(0);
        return buffers;
    }

    /** The baseline: the same records copied into one heap array, nothing else. */
    @Benchmark
    public float[] arraycopy() {
        int first = batch * BATCH;
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(records[first + i], 0, plainBatch, i * recordLength, recordLength);
        }
        batch = (batch + 1) % (RECORDS / BATCH);
        return plainBatch;
    }
}
