package io.dataseq.internal.core;

import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.index.RecordSubset;
import io.dataseq.index.ShardRemainder;

/**
 * The settings a {@link PassPlan} is made with, as the builder resolved them.
 *
 * @param batchSize records per batch
 * @param shuffle whether each epoch has its own seeded order
 * @param seed the seed of the order and of each record's random numbers
 * @param dropLast whether a last, smaller batch is left out
 * @param shardRank this shard, {@code 0 .. shardWorld - 1}
 * @param shardWorld the number of shards
 * @param remainder what happens to records that do not divide among the shards
 * @param subset the records to read, or null for all
 * @param onError what a reader's exception does
 * @param training whether records are read for training
 * @param timings where the workers' stage times go; null for none
 * @param describeRows whether each row's identity and description is kept for the batch's metadata
 * @param checkFinite whether each record's values are checked for NaN and infinity once written (a failure of the
 *     record, under the error policy)
 */
public record PlanSettings(int batchSize, boolean shuffle, long seed, boolean dropLast, int shardRank, int shardWorld,
        ShardRemainder remainder, RecordSubset subset, ErrorPolicy onError, boolean training, TimingRecorder timings,
        boolean describeRows, boolean checkFinite) {

    /** Whether the records are split among several shards. */
    public boolean sharded() {
        return shardWorld > 1;
    }
}
