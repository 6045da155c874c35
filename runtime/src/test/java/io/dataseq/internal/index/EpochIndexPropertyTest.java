package io.dataseq.internal.index;

import io.dataseq.index.ShardRemainder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every record of an epoch is delivered as the index documents: each shard delivers its positions once, in batches
 * that agree with {@code batches()} and {@code batchLength()}, and the shards of an epoch split the epoch's order
 * (PAD: all of it, repeating its head; DROP: all but its last {@code records % world} positions).
 *
 * <p>A property over random settings, drawn from a fixed seed per case so that a failure names a case that can be
 * replayed alone; the draws lean towards the edges (no records, fewer records than shards, batch size 1).
 */
class EpochIndexPropertyTest {
    private static final int CASES = 2000;

    @Test
    void shardsSplitEachEpochExactlyAsDocumented() {
        for (int i = 0; i < CASES; i++) {
            Case c = Case.draw(new SplittableRandom(0x5EED_0000L + i));
            try {
                check(c);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case " + i + ": " + c + ": " + e, e);
            }
        }
    }

    /** The settings of one case. */
    record Case(int records, int batchSize, long seed, int epoch, boolean shuffle, boolean dropLast, int world,
            ShardRemainder remainder) {
        static Case draw(SplittableRandom random) {
            int records = random.nextInt(4) == 0 ? random.nextInt(20) : random.nextInt(5001);
            int batchSize = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 1 + random.nextInt(300);
            return new Case(records, batchSize, random.nextLong(), random.nextInt(1001), random.nextBoolean(),
                    random.nextBoolean(), 1 + random.nextInt(8),
                    random.nextBoolean() ? ShardRemainder.PAD : ShardRemainder.DROP);
        }
    }

    private static void check(Case c) {
        int records = c.records();
        int world = c.world();
        int batchSize = c.batchSize();
        EpochIndex whole = EpochIndex.builder(records).shuffle(c.shuffle()).seed(c.seed()).build();
        int[] epochOrder = new int[records];
        for (int position = 0; position < records; position++) {
            epochOrder[position] = whole.record(c.epoch(), position);
        }

        int perShard = records == 0 ? 0
                : c.remainder() == ShardRemainder.PAD ? (records + world - 1) / world : records / world;
        int[] timesDelivered = new int[records];
        int[] batch = new int[batchSize];
        for (int rank = 0; rank < world; rank++) {
            EpochIndex shard = EpochIndex.builder(records).batchSize(batchSize).shuffle(c.shuffle()).seed(c.seed())
                    .dropLast(c.dropLast()).shard(rank, world, c.remainder()).build();
            assertEquals(perShard, shard.shardRecords(), "shardRecords of rank " + rank);
            int expectedBatches = c.dropLast() ? perShard / batchSize : (perShard + batchSize - 1) / batchSize;
            assertEquals(expectedBatches, shard.batches(), "batches of rank " + rank);

            int position = 0;
            for (int b = 0; b < shard.batches(); b++) {
                int length = shard.recordsOf(c.epoch(), b, batch);
                assertEquals(shard.batchLength(b), length, "batchLength(" + b + ")");
                boolean last = b == shard.batches() - 1;
                assertTrue(length == batchSize || (last && !c.dropLast() && length > 0),
                        "batch " + b + " has " + length + " records");
                for (int i = 0; i < length; i++, position++) {
                    // Shard position k is position k * world + rank of the epoch's order, wrapped when padded.
                    int expected = epochOrder[(int) (((long) position * world + rank) % records)];
                    assertEquals(expected, batch[i], "rank " + rank + ", position " + position);
                    timesDelivered[batch[i]]++;
                }
            }
            assertEquals(c.dropLast() ? expectedBatches * batchSize : perShard, position,
                    "positions delivered by rank " + rank);
        }

        int padding = world * perShard - records;
        if (c.dropLast()) {
            // Whole batches only: a head of each shard's positions, so never more often than without dropLast.
            int maxTimes = records == 0 ? 0 : (records + padding + records - 1) / records;
            for (int times : timesDelivered) {
                assertTrue(times <= maxTimes, "a record delivered " + times + " times");
            }
            return;
        }
        for (int position = 0; position < records; position++) {
            int record = epochOrder[position];
            int expected = c.remainder() == ShardRemainder.DROP
                    ? (position < records - records % world ? 1 : 0) // DROP leaves out the order's tail
                    : 1 + padding / records + (position < padding % records ? 1 : 0); // PAD repeats its head
            assertEquals(expected, timesDelivered[record], "record " + record + " at position " + position);
        }
        assertEquals(world * perShard, Arrays.stream(timesDelivered).sum(), "positions delivered by all shards");
    }
}
