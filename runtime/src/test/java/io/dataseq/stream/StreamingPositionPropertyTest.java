package io.dataseq.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.Position;
import io.dataseq.index.ShardRemainder;
import io.dataseq.internal.index.EpochIndex;
import io.dataseq.internal.index.Permutation;
import io.dataseq.testing.SeededCases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What streaming readers share with random access ones, through the real threads: shards, resume positions and
 * worker-count determinism, for a recorded source and for an endless one ({@code stepsPerEpoch}).
 *
 * <ul>
 *   <li>A recorded source read by shard {@code rank} of {@code world}: every epoch (the first too, since the source
 *       is read to its end first) is exactly the batches a random access {@link EpochIndex} of that shard plans;
 *       without shards the first epoch is the source's order.
 *   <li>An endless stream: epoch {@code e} of shard {@code rank} holds this shard's records
 *       {@code e * E .. (e + 1) * E - 1} ({@code E = steps * batchSize}), the stream's descriptors
 *       {@code record * world + rank}, in blocks of {@code shuffleBuffer} shuffled by (seed, epoch, block); the
 *       shards of an epoch are disjoint and together cover the grid's descriptors.
 *   <li>A sequence stopped anywhere and rebuilt with {@code resumeFrom(position())} delivers exactly what an
 *       uninterrupted one delivers from there.
 * </ul>
 *
 * <p>Seeded random cases; a failure names the case and how to replay it ({@code -Ddataseq.streamingPosition.case=N}).
 */
// A guard against a hang, not a timing assertion.
@Timeout(600)
class StreamingPositionPropertyTest {
    private static final int CASES = 400;
    private static final long SEED = 0x5EED_0F_5EA1L;
    private static final String REPLAY = "dataseq.streamingPosition.case";

    record Case(int size, int batchSize, boolean endless, int steps, int shuffleBuffer, boolean shuffle,
            boolean dropLast, long seed, int world, ShardRemainder remainder, int workers, int prefetch, int epochs,
            int stopEpoch, int stopBatch) {

        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(SEED + number);
            int size = 1 + random.nextInt(random.nextInt(4) == 0 ? 12 : 200);
            int batchSize = 1 + random.nextInt(random.nextInt(3) == 0 ? 3 : 24);
            int steps = 1 + random.nextInt(6);
            int epochs = 1 + random.nextInt(3);
            return new Case(size, batchSize, random.nextBoolean(), steps, 1 + random.nextInt(40),
                    random.nextBoolean(), random.nextBoolean(), random.nextLong(), 1 + random.nextInt(3),
                    random.nextBoolean() ? ShardRemainder.PAD : ShardRemainder.DROP, random.nextInt(5),
                    1 + random.nextInt(6), epochs, random.nextInt(epochs), random.nextInt(8));
        }
    }

    @Test
    void shardsResumeAndWorkerCountsAgreeWithTheGridAndTheIndex() {
        SeededCases.check(REPLAY, CASES, Case::draw, (i, c) -> check(c));
    }

    private static void check(Case c) {
        List<TreeSet<Long>> coveredPerEpoch = new ArrayList<>();
        for (int e = 0; e < c.epochs(); e++) {
            coveredPerEpoch.add(new TreeSet<>());
        }
        for (int rank = 0; rank < c.world(); rank++) {
            List<List<long[]>> expected = expected(c, rank);
            List<List<long[]>> delivered = read(c, rank, c.workers(), null, c.epochs());
            assertEquals(expected.size(), delivered.size());
            for (int e = 0; e < expected.size(); e++) {
                assertBatches(expected.get(e), delivered.get(e), "rank " + rank + ", epoch " + e);
                for (long[] batch : delivered.get(e)) {
                    Arrays.stream(batch).forEach(coveredPerEpoch.get(e)::add);
                }
            }
            resumed(c, rank, delivered);
        }
        if (c.endless()) {
            long epochDescriptors = (long) c.steps() * c.batchSize() * c.world();
            for (int e = 0; e < c.epochs(); e++) {
                // The shards of an epoch are disjoint (no duplicates across ranks above) and cover its grid.
                assertEquals(epochDescriptors, coveredPerEpoch.get(e).size(), "epoch " + e + " covered");
                assertEquals(e * epochDescriptors, (long) coveredPerEpoch.get(e).first());
            }
        } else if (c.world() == 1 || c.remainder() == ShardRemainder.PAD) {
            for (int e = 0; e < c.epochs(); e++) {
                int planned = c.dropLast() && c.world() == 1 ? c.size() / c.batchSize() * c.batchSize() : c.size();
                assertTrue(coveredPerEpoch.get(e).size() >= Math.min(planned, c.size()) || c.dropLast(),
                        "epoch " + e + " covered " + coveredPerEpoch.get(e).size());
            }
        }
    }

    /** Stops a sequence at (stopEpoch, stopBatch), resumes a new one from its position, and compares the rest. */
    private static void resumed(Case c, int rank, List<List<long[]>> uninterrupted) {
        int batches = uninterrupted.get(c.stopEpoch()).size();
        int stopBatch = batches == 0 ? 0 : c.stopBatch() % (batches + 1);
        Position position;
        try (NumbersSequence first = build(c, rank, c.workers())) {
            for (int e = 0; e < c.stopEpoch(); e++) {
                while (first.hasNext()) {
                    first.next();
                }
                first.reset();
            }
            for (int b = 0; b < stopBatch; b++) {
                first.next();
            }
            position = Position.parse(first.position().toString());
        }
        if (stopBatch == batches && batches > 0) {
            assertEquals(new Position(c.seed(), c.stopEpoch() + 1, 0), position, "an epoch read to its end");
        }
        if (position.epoch() >= c.epochs()) {
            return;
        }
        List<List<long[]>> rest = read(c, rank, (c.workers() + 1) % 5, position, c.epochs() - position.epoch());
        List<long[]> expectedFirst = uninterrupted.get(position.epoch());
        assertBatches(expectedFirst.subList(Math.min(position.batch(), expectedFirst.size()), expectedFirst.size()),
                rest.get(0), "resumed at " + position);
        for (int e = position.epoch() + 1; e < c.epochs(); e++) {
            assertBatches(uninterrupted.get(e), rest.get(e - position.epoch()), "resumed, epoch " + e);
        }
    }

    private static NumbersSequence build(Case c, int rank, int workers) {
        NumbersSequence.Builder builder = NumbersSequence.builder(new Numbers(), source(c)).batchSize(c.batchSize()).shuffle(c.shuffle()).seed(c.seed())
                .dropLast(c.dropLast()).workers(workers).prefetch(c.prefetch())
                .shard(rank, c.world(), c.remainder());
        if (c.endless()) {
            builder.stepsPerEpoch(c.steps()).shuffleBuffer(c.shuffleBuffer());
        }
        return builder.build();
    }

    /** A recorded case's source of {@code size} numbers; an endless case's numbers are its stream positions. */
    private static Numbers.Source source(Case c) {
        return Numbers.Source.counting(c.endless() ? -1 : c.size());
    }

    private static List<List<long[]>> read(Case c, int rank, int workers, Position from, int epochs) {
        List<List<long[]>> epochsRead = new ArrayList<>();
        try (NumbersSequence sequence = from == null ? build(c, rank, workers) : resume(c, rank, workers, from)) {
            for (int e = 0; e < epochs; e++) {
                List<long[]> batches = new ArrayList<>();
                while (sequence.hasNext()) {
                    batches.add(numbers(sequence.next()));
                }
                epochsRead.add(batches);
                sequence.reset();
            }
        }
        return epochsRead;
    }

    private static NumbersSequence resume(Case c, int rank, int workers, Position from) {
        NumbersSequence.Builder builder = NumbersSequence.builder(new Numbers(), source(c))
                .batchSize(c.batchSize()).shuffle(c.shuffle()).seed(c.seed()).dropLast(c.dropLast())
                .workers(workers).prefetch(c.prefetch()).shard(rank, c.world(), c.remainder()).resumeFrom(from);
        if (c.endless()) {
            builder.stepsPerEpoch(c.steps()).shuffleBuffer(c.shuffleBuffer());
        }
        return builder.build();
    }

    /** What each epoch must deliver, worked out from the case alone. */
    private static List<List<long[]>> expected(Case c, int rank) {
        List<List<long[]>> epochs = new ArrayList<>();
        for (int e = 0; e < c.epochs(); e++) {
            epochs.add(c.endless() ? grid(c, rank, e) : indexed(c, rank, e));
        }
        return epochs;
    }

    private static List<long[]> indexed(Case c, int rank, int epoch) {
        // Epoch 0 of a source read by one shard streams it in its order; with shards it is recorded first.
        boolean shuffled = c.shuffle() && (epoch > 0 || c.world() > 1);
        EpochIndex index = EpochIndex.builder(c.size()).batchSize(c.batchSize()).shuffle(shuffled).seed(c.seed())
                .dropLast(c.dropLast()).shard(rank, c.world(), c.remainder()).build();
        List<long[]> batches = new ArrayList<>();
        int[] records = new int[c.batchSize()];
        for (int b = 0; b < index.batches(); b++) {
            int length = index.recordsOf(epoch, b, records);
            batches.add(Arrays.stream(records, 0, length).asLongStream().toArray());
        }
        return batches;
    }

    /** An endless stream's epoch, on the grid. */
    private static List<long[]> grid(Case c, int rank, int epoch) {
        int epochRecords = c.steps() * c.batchSize();
        List<long[]> batches = new ArrayList<>();
        for (int b = 0; b < c.steps(); b++) {
            long[] batch = new long[c.batchSize()];
            for (int i = 0; i < c.batchSize(); i++) {
                int place = b * c.batchSize() + i;
                int record = place;
                if (c.shuffle()) {
                    int start = place / c.shuffleBuffer() * c.shuffleBuffer();
                    int size = Math.min(c.shuffleBuffer(), epochRecords - start);
                    long key = EpochIndex.epochKey(c.seed() + 0x9E3779B97F4A7C15L
                            * (start / c.shuffleBuffer() + 1L), epoch);
                    record = start + (int) new Permutation(size, key).apply(place - start);
                }
                long position = ((long) epoch * epochRecords + record) * c.world() + rank;
                batch[i] = position;
            }
            batches.add(batch);
        }
        return batches;
    }

    private static void assertBatches(List<long[]> expected, List<long[]> delivered, String where) {
        assertEquals(expected.size(), delivered.size(), where + ": batches");
        for (int b = 0; b < expected.size(); b++) {
            assertArrayEquals(expected.get(b), delivered.get(b), where + ", batch " + b);
        }
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
