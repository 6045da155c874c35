package io.dataseq.index;

/**
 * What a sharded index does with the records left over when the record count is not a multiple of the world size.
 */
public enum ShardRemainder {
    /**
     * Repeat records from the start of the epoch's order so that every shard gets {@code ceil(records / world)}
     * (PyTorch's {@code DistributedSampler} default): every record is seen, a few twice.
     */
    PAD,
    /** Leave the last {@code records % world} records of the epoch's order out: every record is seen at most once. */
    DROP
}
