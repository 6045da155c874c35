package io.dataseq.examples.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The prefetch engine end to end, through the generated sequences' {@code next()}: one operation is one batch.
 * {@code noOp*}: a reader that does no work, so the time per batch is the engine's overhead (handing a batch to a
 * worker and back, in order, and wrapping it as a DataSet). {@code cpuBound*}: a reader that computes each record,
 * so the throughput shows how the workers scale with cores ({@link CpuBaselineBenchmark} computes the same
 * records without DataSeq). {@code noOpUsed}: the no-op batch read as {@code fit} reads it (features, labels, masks,
 * metadata), with and without {@code checkStaleBatches}, the price of the check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {
    static final int WORK_PER_RECORD = 20_000;

    /** Worker threads (0: on the consumer's thread). */
    @Param({"0", "1", "2"})
    public int workers;

    /** Whether each accessor of a delivered batch checks that its buffer was not recycled since. */
    @Param({"false", "true"})
    public boolean checkStaleBatches;

    private NoOpRecordsSequence noOp;
    private CpuBoundRecordsSequence cpuBound;

    /** Builds the sequences with the benchmark's worker count. */
    @Setup(Level.Trial)
    public void setUp() {
        noOp = NoOpRecordsSequence.builder(new NoOpRecords(64 * 1000)).workers(workers)
                .checkStaleBatches(checkStaleBatches).build();
        cpuBound = CpuBoundRecordsSequence.builder(new CpuBoundRecords(32 * 200, WORK_PER_RECORD))
                .workers(workers).checkStaleBatches(checkStaleBatches).build();
    }

    /** Joins the sequences' threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        noOp.close();
        cpuBound.close();
    }

    /** One batch of 64 records from a reader that does nothing. */
    @Benchmark
    public DataSet noOp() {
        return next(noOp);
    }

    /** One batch of 64 records from a reader that does nothing, read by every accessor {@code fit} calls. */
    @Benchmark
    public void noOpUsed(Blackhole blackhole) {
        DataSet batch = next(noOp);
        blackhole.consume(batch.getFeatures());
        blackhole.consume(batch.getLabels());
        blackhole.consume(batch.getFeaturesMaskArray());
        blackhole.consume(batch.getLabelsMaskArray());
        blackhole.consume(batch.hasMaskArrays());
        blackhole.consume(batch.getExampleMetaData());
    }

    /** One batch of 32 records that each cost {@value #WORK_PER_RECORD} rounds of arithmetic. */
    @Benchmark
    public DataSet cpuBound() {
        return next(cpuBound);
    }

    private static DataSet next(io.dataseq.dl4j.DataSetSequence sequence) {
        if (!sequence.hasNext()) {
            sequence.reset();
        }
        return sequence.next();
    }
}
