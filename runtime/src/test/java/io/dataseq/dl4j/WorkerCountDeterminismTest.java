package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.annotation.DataSequence;
import io.dataseq.index.ShardRemainder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Randomness belongs to (seed, epoch, record), never to a worker: 1, 2 and 8 workers, and AUTO's (which change during
 * the first epoch), deliver the same bits, over shuffled, augmented epochs, whole or sharded.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class WorkerCountDeterminismTest {
    private static final int RECORDS = 203;
    private static final int EPOCHS = 3;

    @ParameterizedTest(name = "shard {0} of {1}, {2}")
    @CsvSource({"0, 1, PAD", "1, 3, PAD", "2, 3, DROP"})
    void oneTwoEightAndAutoWorkersDeliverTheSameBits(int rank, int world, ShardRemainder remainder) {
        List<List<Batches>> oneWorker = epochs(1, rank, world, remainder);
        assertEquals(EPOCHS, oneWorker.size());
        for (int workers : new int[] {2, 8, DataSequence.AUTO}) {
            List<List<Batches>> run = epochs(workers, rank, world, remainder);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                Batches.assertSameBits(oneWorker.get(epoch), run.get(epoch),
                        (workers == DataSequence.AUTO ? "AUTO" : workers) + " workers, epoch " + epoch);
            }
        }

        // The comparison has teeth: the values are augmented, and each epoch is another order and other draws.
        Batches first = oneWorker.get(0).get(0);
        assertTrue(Arrays.stream(first.features()).anyMatch(bits -> {
            float value = Float.intBitsToFloat(bits);
            return value != Math.rint(value);
        }), "augmented values");
        assertNotEquals(Arrays.toString(first.features()), Arrays.toString(oneWorker.get(1).get(0).features()));
        assertFalse(Arrays.equals(first.labels(), oneWorker.get(1).get(0).labels()), "another epoch, other draws");
    }

    private static List<List<Batches>> epochs(int workers, int rank, int world, ShardRemainder remainder) {
        List<List<Batches>> epochs = new ArrayList<>();
        // Uneven read times, so that batches finish out of order on several workers.
        Probe.Hook uneven = (epoch, record) -> LockSupport.parkNanos((record * 7919L + epoch) % 5 * 20_000L);
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(RECORDS, true, uneven))
                .batchSize(7).shuffle(true).seed(20240607L).workers(workers)
                .prefetch(workers == DataSequence.AUTO ? DataSequence.AUTO : 2 * workers)
                .shard(rank, world, remainder).build()) {
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                epochs.add(Batches.restOfEpoch(sequence));
                sequence.reset();
            }
        }
        return epochs;
    }
}
