package io.dataseq.index;

import io.dataseq.internal.index.EpochIndex;
import io.dataseq.internal.index.Permutation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataseq.testing.SeededCases;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An index over a subset is the index over the subset's positions with each position mapped to its record: so
 * everything the whole-reader index guarantees (exactly once, shards, dropLast, resume by (seed, epoch, batch))
 * holds for any subset, and the records delivered are exactly the subset's. A property over random subsets, drawn
 * from a fixed seed per case; a failure names the case and how to replay it ({@code -Ddataseq.subsetIndex.case=N}).
 */
class SubsetIndexPropertyTest {
    private static final int CASES = 2000;
    private static final String REPLAY = "dataseq.subsetIndex.case";

    @Test
    void theIndexOverASubsetMapsTheIndexOverItsPositions() {
        SeededCases.check(REPLAY, CASES, Case::draw, (i, c) -> check(c));
    }

    @Test
    void theFullSetCostsNoMemoryForAnyRecordCount() {
        EpochIndex index = EpochIndex.builder(Integer.MAX_VALUE).batchSize(1024).shuffle(true).seed(5).build();
        int[] batch = new int[1024];
        assertEquals(1024, index.recordsOf(3, 1_000_000, batch));
        assertEquals(RecordSubset.all(Integer.MAX_VALUE), index.subset());
    }

    /** A subset of {@code readerRecords}: a range or a random choice in a random order. */
    record Case(int readerRecords, RecordSubset subset, int batchSize, boolean shuffle, long seed, int epoch,
            boolean dropLast, int rank, int world, ShardRemainder remainder) {
        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(0x5B5E_7000L + number);
            int readerRecords = random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt(600);
            RecordSubset subset;
            if (random.nextInt(3) == 0) {
                int from = random.nextInt(readerRecords + 1);
                subset = RecordSubset.range(from, from + random.nextInt(readerRecords - from + 1));
            } else {
                int[] shuffled = shuffled(readerRecords, random);
                int size = random.nextInt(readerRecords + 1);
                int[] chosen = new int[size];
                System.arraycopy(shuffled, 0, chosen, 0, size);
                subset = RecordSubset.of(chosen);
            }
            int world = 1 + random.nextInt(4);
            return new Case(readerRecords, subset, 1 + random.nextInt(20), random.nextBoolean(), random.nextLong(),
                    random.nextInt(5), random.nextBoolean(), random.nextInt(world), world,
                    random.nextBoolean() ? ShardRemainder.PAD : ShardRemainder.DROP);
        }

        private static int[] shuffled(int records, SplittableRandom random) {
            Permutation order = new Permutation(records, random.nextLong());
            int[] values = new int[records];
            for (int i = 0; i < records; i++) {
                values[i] = (int) order.apply(i);
            }
            return values;
        }

        EpochIndex.Builder settings(EpochIndex.Builder builder) {
            return builder.batchSize(batchSize).shuffle(shuffle).seed(seed).dropLast(dropLast)
                    .shard(rank, world, remainder);
        }
    }

    private static void check(Case c) {
        EpochIndex overSubset = c.settings(EpochIndex.builder(c.subset())).build();
        EpochIndex overPositions = c.settings(EpochIndex.builder(c.subset().size())).build();
        assertEquals(overPositions.batches(), overSubset.batches(), "batches");
        assertEquals(c.subset().size(), overSubset.records(), "records");
        int[] positions = new int[c.batchSize()];
        int[] records = new int[c.batchSize()];
        for (int b = 0; b < overSubset.batches(); b++) {
            int length = overPositions.recordsOf(c.epoch(), b, positions);
            assertEquals(length, overSubset.recordsOf(c.epoch(), b, records), "length of batch " + b);
            int[] expected = new int[length];
            for (int i = 0; i < length; i++) {
                expected[i] = c.subset().record(positions[i]);
            }
            assertArrayEquals(expected, Arrays.copyOf(records, length), "batch " + b);
        }

        // Without shards or dropLast, an epoch is exactly the subset, each record once.
        EpochIndex whole = EpochIndex.builder(c.subset()).batchSize(c.batchSize()).shuffle(c.shuffle())
                .seed(c.seed()).build();
        int[] times = new int[c.readerRecords()];
        for (int b = 0; b < whole.batches(); b++) {
            int length = whole.recordsOf(c.epoch(), b, records);
            for (int i = 0; i < length; i++) {
                times[records[i]]++;
            }
        }
        int[] expectedTimes = new int[c.readerRecords()];
        for (int record : c.subset().toArray()) {
            expectedTimes[record] = 1;
        }
        assertArrayEquals(expectedTimes, times, "times each reader record is delivered in an epoch");
    }
}
