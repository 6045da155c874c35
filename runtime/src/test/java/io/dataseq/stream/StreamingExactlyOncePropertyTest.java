package io.dataseq.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.dl4j.PrefetchingIterator;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.SkippedRecord;
import io.dataseq.internal.index.EpochIndex;
import io.dataseq.testing.SeededCases;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Exactly once, in order, through the real threads: the first epoch of a streaming sequence delivers every
 * descriptor of the source once, in source order, cut into batches of {@code batchSize} (the last smaller, or left
 * out with {@code dropLast}); under SKIP each failing one is reported skipped instead, once. The source is opened
 * once and pulled once per descriptor, never by two threads at once. Every later epoch is the recorded descriptors
 * in exactly the order a random access {@link EpochIndex} of that size gives (a seeded permutation per epoch when
 * shuffling). Since the expected batches depend on the case alone, this holds for any worker count.
 *
 * <p>A property over random settings drawn from a fixed seed per case; a failure names the case and how to replay it
 * alone ({@code -Ddataseq.streamingExactlyOnce.case=N}).
 */
// A guard against a hang, not a timing assertion.
@Timeout(600)
class StreamingExactlyOncePropertyTest {
    private static final int CASES = 1_500;
    private static final long SEED = 0x57AE_A410_0000L;
    private static final String REPLAY = "dataseq.streamingExactlyOnce.case";

    @Test
    void everyDescriptorOnceInOrderThenAsARandomAccessSequence() {
        SeededCases.check(REPLAY, CASES, Case::draw, (i, c) -> check(c));
    }

    /**
     * One case. {@code failEvery} 0 reads under FAIL with no failures; otherwise about one number in
     * {@code failEvery} fails and the case reads under SKIP. {@code slowSource} dawdles per pull, {@code slowReads}
     * per record read.
     */
    record Case(int size, int batchSize, int workers, int prefetch, boolean dropLast, boolean shuffle, long seed,
            int epochs, int failEvery, boolean slowSource, boolean slowReads) {

        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(SEED + number);
            int size = random.nextInt(4) == 0 ? random.nextInt(13) : random.nextInt(301);
            int batchSize = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 1 + random.nextInt(40);
            int failEvery = random.nextInt(4) == 0 ? 1 + random.nextInt(6) : 0;
            int pace = random.nextInt(10);
            return new Case(size, batchSize, random.nextInt(9), 1 + random.nextInt(8), random.nextBoolean(),
                    random.nextBoolean(), random.nextLong(), 1 + random.nextInt(3), failEvery, pace == 0, pace == 1);
        }

        /** The descriptor at source position {@code i}: distinct, and unlike {@code i}. */
        long number(long i) {
            return i * 37 + 11;
        }

        boolean fails(long number) {
            if (failEvery == 0) {
                return false;
            }
            long z = seed + number * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
            return Math.floorMod(z ^ (z >>> 29), failEvery) == 0;
        }

        ErrorPolicy policy() {
            return failEvery == 0 ? ErrorPolicy.FAIL : ErrorPolicy.SKIP;
        }
    }

    private static void check(Case c) {
        Numbers.Source source = new Numbers.Source(c.size(), c::number, -1, c.slowSource() ? 20_000 : 0);
        Numbers reader = new Numbers(false, c::fails, c.slowReads() ? 20_000 : 0);
        try (NumbersSequence sequence = NumbersSequence.builder(reader, source).batchSize(c.batchSize())
                .workers(c.workers()).prefetch(c.prefetch()).dropLast(c.dropLast()).shuffle(c.shuffle())
                .seed(c.seed()).onError(c.policy()).maxLeadingSkips(Integer.MAX_VALUE).build()) {
            EpochIndex index = EpochIndex.builder(c.size()).batchSize(c.batchSize()).shuffle(c.shuffle())
                    .seed(c.seed()).dropLast(c.dropLast()).build();
            for (int epoch = 0; epoch < c.epochs(); epoch++) {
                List<long[]> plan = epoch == 0 ? sourceOrder(c) : indexOrder(c, index, epoch);
                int skippedBefore = sequence.skipped().size();
                List<long[]> delivered = new ArrayList<>();
                while (sequence.hasNext()) {
                    delivered.add(numbers(sequence.next()));
                }
                assertThrows(NoSuchElementException.class, sequence::next, "next() after the end");
                List<Long> expectedSkips = new ArrayList<>();
                List<long[]> expected = new ArrayList<>();
                for (long[] batch : plan) {
                    long[] kept = java.util.Arrays.stream(batch).filter(n -> !c.fails(n)).toArray();
                    java.util.Arrays.stream(batch).filter(c::fails).forEach(expectedSkips::add);
                    if (kept.length > 0) {
                        expected.add(kept);
                    }
                }
                assertEquals(expected.size(), delivered.size(), "epoch " + epoch + ": batches");
                for (int b = 0; b < expected.size(); b++) {
                    assertArrayEquals(expected.get(b), delivered.get(b), "epoch " + epoch + ", batch " + b);
                }
                List<SkippedRecord> skipped = sequence.skipped().subList(skippedBefore, sequence.skipped().size());
                assertEquals(expectedSkips.size(), skipped.size(), "epoch " + epoch + ": skipped");
                for (int i = 0; i < skipped.size(); i++) {
                    // Record numbers are source positions: recording and random access agree.
                    assertEquals((long) expectedSkips.get(i), c.number(skipped.get(i).record()), "skip " + i);
                    assertEquals(epoch, skipped.get(i).epoch());
                }
                sequence.reset();
                assertTrue((sequence.batchesPerEpoch() != PrefetchingIterator.UNKNOWN), "recorded after the first epoch");
                assertEquals(c.size(), sequence.records());
            }
            assertEquals(1, source.opened.get(), "the source is opened once");
            assertEquals(c.size(), source.pulls.get(), "each descriptor is pulled once");
            assertFalse(source.overlapped, "two threads pulled at once");
            assertTrue(sequence.allocatedBuffers() <= c.prefetch() + 1, "buffers " + sequence.allocatedBuffers());
        }
    }

    /** The first epoch's batches: source positions in order, the last partial batch gone under dropLast. */
    private static List<long[]> sourceOrder(Case c) {
        List<long[]> batches = new ArrayList<>();
        for (int from = 0; from < c.size(); from += c.batchSize()) {
            int length = Math.min(c.batchSize(), c.size() - from);
            if (c.dropLast() && length < c.batchSize()) {
                break;
            }
            long[] batch = new long[length];
            for (int i = 0; i < length; i++) {
                batch[i] = c.number(from + i);
            }
            batches.add(batch);
        }
        return batches;
    }

    private static List<long[]> indexOrder(Case c, EpochIndex index, int epoch) {
        List<long[]> batches = new ArrayList<>();
        int[] records = new int[c.batchSize()];
        for (int b = 0; b < index.batches(); b++) {
            int length = index.recordsOf(epoch, b, records);
            long[] batch = new long[length];
            for (int i = 0; i < length; i++) {
                batch[i] = c.number(records[i]);
            }
            batches.add(batch);
        }
        return batches;
    }

    private static long[] numbers(DataSet batch) {
        INDArray features = batch.getFeatures();
        long[] numbers = new long[features.rows()];
        for (int row = 0; row < numbers.length; row++) {
            numbers[row] = (long) features.getFloat(row, 0);
        }
        return numbers;
    }
}
