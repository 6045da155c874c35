package io.dataseq.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads on one {@link Hdf5Rows}, and on other handles of the same file at the same time: every value read
 * is right, by every path, and a close in the middle of it all makes later reads fail cleanly, never crash.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class ConcurrentReadsTest {
    private static final int RECORDS = 500;
    private static final int LENGTH = 300;
    private static final int THREADS = 8;
    private static final int READS_PER_THREAD = 3_000;

    @TempDir
    Path dir;

    @Test
    void eightThreadsOnOneSharedHandleReadTheRightValues() throws Exception {
        Path file = Hdf5RowsTest.writeFloats(dir.resolve("vectors.h5"), Vectors.DATASET, RECORDS, LENGTH);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 2);
        try (Hdf5Rows shared = Hdf5Rows.open(file, Vectors.DATASET);
                Hdf5Rows other = Hdf5Rows.open(file, Vectors.DATASET)) {
            CyclicBarrier start = new CyclicBarrier(THREADS + 2);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(threads.submit(hammer(shared, t, start)));
            }
            // Two more threads on a second handle of the same file: the lock is global, not per handle.
            results.add(threads.submit(hammer(other, THREADS, start)));
            results.add(threads.submit(hammer(other, THREADS + 1, start)));
            for (Future<Integer> result : results) {
                assertEquals(READS_PER_THREAD, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingWhileOthersReadFailsTheirLaterReadsCleanly() throws Exception {
        Path file = Hdf5RowsTest.writeFloats(dir.resolve("vectors.h5"), Vectors.DATASET, RECORDS, LENGTH);
        Hdf5Rows rows = Hdf5Rows.open(file, Vectors.DATASET);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        AtomicInteger good = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                readers.add(threads.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    FloatBuffer target = direct(LENGTH);
                    for (int i = 0; i < 20_000; i++) {
                        int record = random.nextInt(RECORDS);
                        try {
                            rows.read(record, target, 0);
                        } catch (IllegalStateException e) {
                            assertEquals("Hdf5Rows of dataset 'vectors' in " + file + " is closed", e.getMessage());
                            refused.incrementAndGet();
                            return null;
                        }
                        check(record, target, 0, "thread " + seed);
                        good.incrementAndGet();
                    }
                    return null;
                }));
            }
            while (good.get() < 1_000) {
                Thread.onSpinWait();
            }
            rows.close();
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertTrue(good.get() >= 1_000, good + " good reads");
        assertTrue(refused.get() >= 1, "some reads came after the close");
    }

    /** Reads random records by the three paths in turn, checking every value; returns the number of reads. */
    private static Callable<Integer> hammer(Hdf5Rows rows, int seed, CyclicBarrier start) {
        return () -> {
            SplittableRandom random = new SplittableRandom(seed);
            FloatBuffer direct = direct(3 * LENGTH);
            FloatBuffer heap = FloatBuffer.allocate(2 * LENGTH);
            String who = "thread " + seed;
            start.await();
            for (int i = 0; i < READS_PER_THREAD; i++) {
                int record = random.nextInt(RECORDS);
                switch (i % 3) {
                    case 0:
                        check(record, FloatBuffer.wrap(rows.read(record)), 0, who);
                        break;
                    case 1:
                        int offset = random.nextInt(3) * LENGTH;
                        rows.read(record, direct, offset);
                        check(record, direct, offset, who);
                        break;
                    default:
                        rows.read(record, heap, LENGTH);
                        check(record, heap, LENGTH, who);
                }
            }
            return READS_PER_THREAD;
        };
    }

    private static void check(int record, FloatBuffer values, int offset, String who) {
        for (int i = 0; i < LENGTH; i++) {
            float expected = Hdf5RowsTest.value(record, i);
            if (values.get(offset + i) != expected) { // not assertEquals: no message built per value
                throw new AssertionError(who + ", record " + record + ", value " + i + ": "
                        + values.get(offset + i) + ", expected " + expected);
            }
        }
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
