package io.dataseq.internal.index;

import io.dataseq.index.ShardRemainder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpochIndexTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 31, 64, 65, 257, 1000, 1025})
    void eachShuffledEpochIsAPermutation(int records) {
        EpochIndex index = EpochIndex.builder(records).batchSize(7).shuffle(true).seed(3).build();
        for (int epoch = 0; epoch < 4; epoch++) {
            int[] order = epochOrder(index, epoch);
            assertArrayEquals(IntStream.range(0, records).toArray(), sorted(order), "epoch " + epoch);
        }
    }

    @Test
    void withoutShuffleTheOrderIsTheRecordOrder() {
        EpochIndex index = EpochIndex.builder(10).batchSize(4).build();
        assertArrayEquals(IntStream.range(0, 10).toArray(), epochOrder(index, 0));
        assertArrayEquals(IntStream.range(0, 10).toArray(), epochOrder(index, 5));
    }

    @Test
    void epochsHaveDifferentOrders() {
        EpochIndex index = EpochIndex.builder(100).batchSize(10).shuffle(true).seed(1).build();
        for (int epoch = 0; epoch < 10; epoch++) {
            assertFalse(Arrays.equals(epochOrder(index, epoch), epochOrder(index, epoch + 1)),
                    "epochs " + epoch + " and " + (epoch + 1));
        }
    }

    @Test
    void sameSeedSameOrderDifferentSeedsDifferentOrders() {
        EpochIndex a = EpochIndex.builder(100).batchSize(10).shuffle(true).seed(42).build();
        EpochIndex b = EpochIndex.builder(100).batchSize(10).shuffle(true).seed(42).build();
        EpochIndex c = EpochIndex.builder(100).batchSize(10).shuffle(true).seed(43).build();
        for (int epoch = 0; epoch < 3; epoch++) {
            assertArrayEquals(epochOrder(a, epoch), epochOrder(b, epoch), "epoch " + epoch);
            assertFalse(Arrays.equals(epochOrder(a, epoch), epochOrder(c, epoch)), "epoch " + epoch);
        }
    }

    @Test
    void batchesAreCutInOrderAndTheLastIsSmaller() {
        EpochIndex index = EpochIndex.builder(10).batchSize(4).build();
        assertEquals(3, index.batches());
        assertEquals(10, index.shardRecords());
        assertEquals(4, index.batchLength(0));
        assertEquals(2, index.batchLength(2));
        int[] out = new int[4];
        assertEquals(2, index.recordsOf(0, 2, out));
        assertEquals(8, out[0]);
        assertEquals(9, out[1]);
    }

    @Test
    void dropLastLeavesOutTheSmallerBatch() {
        EpochIndex index = EpochIndex.builder(10).batchSize(4).dropLast(true).build();
        assertEquals(2, index.batches());
        assertEquals(4, index.batchLength(1));
        assertThrows(IndexOutOfBoundsException.class, () -> index.batchLength(2));
        EpochIndex exact = EpochIndex.builder(8).batchSize(4).dropLast(true).build();
        assertEquals(2, exact.batches());
        EpochIndex tooFew = EpochIndex.builder(3).batchSize(4).dropLast(true).build();
        assertEquals(0, tooFew.batches());
    }

    @Test
    void emptyDatasetHasNoBatches() {
        EpochIndex index = EpochIndex.builder(0).batchSize(4).shuffle(true).shard(1, 3, ShardRemainder.PAD).build();
        assertEquals(0, index.shardRecords());
        assertEquals(0, index.batches());
        assertThrows(IndexOutOfBoundsException.class, () -> index.batchLength(0));
        assertThrows(IndexOutOfBoundsException.class, () -> index.record(0, 0));
    }

    @Test
    void shardTakesEveryWorldthPositionOfTheEpochOrder() {
        EpochIndex whole = EpochIndex.builder(10).shuffle(true).seed(9).build();
        EpochIndex shard = EpochIndex.builder(10).shuffle(true).seed(9).shard(1, 3, ShardRemainder.DROP).build();
        assertEquals(3, shard.shardRecords());
        for (int position = 0; position < 3; position++) {
            assertEquals(whole.record(4, 3 * position + 1), shard.record(4, position));
        }
    }

    @Test
    void padWithMoreShardsThanRecordsRepeatsRecordsFromTheStart() {
        // 3 records over 8 shards: each shard gets one, shards 3..7 repeat the epoch's order from its start.
        for (boolean shuffle : new boolean[] {false, true}) {
            EpochIndex whole = EpochIndex.builder(3).shuffle(shuffle).seed(5).build();
            for (int rank = 0; rank < 8; rank++) {
                EpochIndex shard = EpochIndex.builder(3).batchSize(2).shuffle(shuffle).seed(5)
                        .shard(rank, 8, ShardRemainder.PAD).build();
                assertEquals(1, shard.shardRecords());
                assertEquals(whole.record(0, rank % 3), shard.record(0, 0), "rank " + rank + " shuffle " + shuffle);
            }
        }
    }

    @Test
    void dropWithMoreShardsThanRecordsGivesEmptyShards() {
        EpochIndex shard = EpochIndex.builder(3).shard(2, 8, ShardRemainder.DROP).build();
        assertEquals(0, shard.shardRecords());
        assertEquals(0, shard.batches());
    }

    @Test
    void aSavedEpochAndBatchIsEnoughToResume() {
        EpochIndex first = EpochIndex.builder(50).batchSize(8).shuffle(true).seed(11).build();
        EpochIndex resumed = EpochIndex.builder(50).batchSize(8).shuffle(true).seed(11).build();
        int[] a = new int[8];
        int[] b = new int[8];
        assertEquals(first.recordsOf(6, 3, a), resumed.recordsOf(6, 3, b));
        assertArrayEquals(a, b);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> EpochIndex.builder(-1).build());
        assertThrows(IllegalArgumentException.class, () -> EpochIndex.builder(10).batchSize(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> EpochIndex.builder(10).shard(2, 2, ShardRemainder.PAD).build());
        assertThrows(IllegalArgumentException.class,
                () -> EpochIndex.builder(10).shard(-1, 2, ShardRemainder.PAD).build());
        assertThrows(IllegalArgumentException.class,
                () -> EpochIndex.builder(10).shard(0, 0, ShardRemainder.PAD).build());
    }

    @Test
    void rejectsPositionsAndBatchesOutsideTheEpoch() {
        EpochIndex index = EpochIndex.builder(10).batchSize(4).build();
        assertThrows(IndexOutOfBoundsException.class, () -> index.record(0, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> index.record(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> index.recordsOf(0, 3, new int[4]));
        assertThrows(IndexOutOfBoundsException.class, () -> index.batchLength(-1));
    }

    @Test
    void neighbouringEpochKeysLookUnrelated() {
        long previous = EpochIndex.epochKey(0, 0);
        for (int epoch = 1; epoch < 100; epoch++) {
            long key = EpochIndex.epochKey(0, epoch);
            int differentBits = Long.bitCount(key ^ previous);
            assertTrue(differentBits > 10 && differentBits < 54, "epoch " + epoch + ": " + differentBits + " bits");
            previous = key;
        }
    }

    /** The records of one epoch, batch after batch. */
    static int[] epochOrder(EpochIndex index, int epoch) {
        int[] order = new int[index.batches() == 0 ? 0 : (index.batches() - 1) * index.batchSize()
                + index.batchLength(index.batches() - 1)];
        int[] batch = new int[index.batchSize()];
        int at = 0;
        for (int b = 0; b < index.batches(); b++) {
            int length = index.recordsOf(epoch, b, batch);
            System.arraycopy(batch, 0, order, at, length);
            at += length;
        }
        assertEquals(order.length, at);
        return order;
    }

    private static int[] sorted(int[] values) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
