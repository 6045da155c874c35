package io.dataseq.examples.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The records of {@link EngineBenchmark#cpuBound()} computed in a plain loop on one thread, without DataSeq. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CpuBaselineBenchmark {
    private int record;

    /** One batch's worth (32 records), computed and summed. */
    @Benchmark
    public float cpuBoundBaseline() {
        float sum = 0;
        for (int i = 0; i < 32; i++) {
            sum += CpuBoundRecords.compute(record++ % (32 * 200), EngineBenchmark.WORK_PER_RECORD)[0];
        }
        return sum;
    }
}
