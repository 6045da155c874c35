package io.dataseq.internal.index;

import io.dataseq.index.RecordSubset;
import io.dataseq.index.ShardRemainder;
import java.util.Objects;

/**
 * Which records make up each batch of each epoch, and nothing else: no threads, no I/O, O(1) memory (over a
 * {@link RecordSubset} of every record or a range; an explicit subset brings its own array).
 *
 * <p>The index covers a {@link RecordSubset} of the reader's records: all of them by default. It works on positions
 * {@code 0 .. subset.size() - 1} of the subset and maps each to the subset's record number last, so everything below
 * holds for a subset as for the whole reader. An epoch's order is a {@link Permutation} keyed by (seed, epoch) when
 * shuffling, the identity otherwise. A shard {@code rank} of {@code world} takes the positions
 * {@code rank, rank + world, rank + 2 * world, ...} of that order (so the shards of one epoch are disjoint and
 * together cover every record), after the remainder is padded or dropped ({@link ShardRemainder}). Its positions are then cut into batches of {@code batchSize}; the last one
 * is smaller, or dropped with {@code dropLast}. Everything is a pure function of the constructor's arguments and
 * the epoch, so a saved (seed, epoch, batch) is enough to resume.
 */
public final class EpochIndex {
    private final RecordSubset subset;
    private final int records;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int rank;
    private final int world;
    private final int shardRecords;
    private final int batches;

    private EpochIndex(Builder builder) {
        if (builder.batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + builder.batchSize);
        }
        if (builder.world < 1 || builder.rank < 0 || builder.rank >= builder.world) {
            throw new IllegalArgumentException("shard rank " + builder.rank + " of world " + builder.world
                    + ": need 0 <= rank < world");
        }
        this.subset = builder.subset;
        this.records = subset.size();
        this.batchSize = builder.batchSize;
        this.shuffle = builder.shuffle;
        this.seed = builder.seed;
        this.rank = builder.rank;
        this.world = builder.world;
        int perShard = builder.remainder == ShardRemainder.PAD
                ? (int) ((records + (long) world - 1) / world)
                : records / world;
        this.shardRecords = records == 0 ? 0 : perShard;
        this.batches = builder.dropLast
                ? shardRecords / batchSize
                : (int) ((shardRecords + (long) batchSize - 1) / batchSize);
    }

    /** Starts an index over {@code records} records: {@code 0 .. records - 1}. */
    public static Builder builder(int records) {
        return new Builder(RecordSubset.all(records));
    }

    /** Starts an index over the records of {@code subset} only. */
    public static Builder builder(RecordSubset subset) {
        return new Builder(Objects.requireNonNull(subset, "subset"));
    }

    /** The number of records an epoch covers (the subset's size; every shard together). */
    public int records() {
        return records;
    }

    /** The records this index covers. */
    public RecordSubset subset() {
        return subset;
    }

    /** The number of record positions this shard has per epoch (before {@code dropLast}). */
    public int shardRecords() {
        return shardRecords;
    }

    /** The number of batches per epoch in this shard. */
    public int batches() {
        return batches;
    }

    /** The configured batch size: the number of records in every batch but perhaps the last. */
    public int batchSize() {
        return batchSize;
    }

    /** The seed of the shuffle. */
    public long seed() {
        return seed;
    }

    /** The number of records in {@code batch}. */
    public int batchLength(int batch) {
        checkBatch(batch);
        return Math.min(batchSize, shardRecords - batch * batchSize);
    }

    /**
     * Writes the record numbers of {@code batch} of {@code epoch} into {@code out} from index 0, and returns how
     * many there are. O(batch) time; {@code out} needs {@link #batchSize()} room.
     */
    public int recordsOf(int epoch, int batch, int[] out) {
        int length = batchLength(batch);
        Permutation order = order(epoch);
        int first = batch * batchSize;
        for (int i = 0; i < length; i++) {
            out[i] = record(order, first + i);
        }
        return length;
    }

    /** The record number at {@code position} (0-based, within this shard) of {@code epoch}. */
    public int record(int epoch, int position) {
        if (position < 0 || position >= shardRecords) {
            throw new IndexOutOfBoundsException("position " + position + " outside 0.." + (shardRecords - 1));
        }
        return record(order(epoch), position);
    }

    private Permutation order(int epoch) {
        return shuffle ? new Permutation(records, epochKey(seed, epoch)) : null;
    }

    private int record(Permutation order, int shardPosition) {
        long position = (long) shardPosition * world + rank;
        if (position >= records) {
            // PAD: wrap to the start of the epoch's order, more than once when there are fewer records than shards
            position %= records;
        }
        return subset.record(order == null ? (int) position : (int) order.apply(position));
    }

    private void checkBatch(int batch) {
        if (batch < 0 || batch >= batches) {
            throw new IndexOutOfBoundsException("batch " + batch + " outside 0.." + (batches - 1));
        }
    }

    /** The permutation key of an epoch: a strong mix so that neighbouring epochs and seeds look unrelated. */
    public static long epochKey(long seed, int epoch) {
        long z = seed ^ (0xD1B54A32D192ED03L * (epoch + 1L));
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        return z ^ (z >>> 32);
    }

    /** The settings of an index; every one has a default but the records. */
    public static final class Builder {
        private final RecordSubset subset;
        private int batchSize = 32;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private int rank;
        private int world = 1;
        private ShardRemainder remainder = ShardRemainder.PAD;

        private Builder(RecordSubset subset) {
            this.subset = subset;
        }

        /** Records per batch, at least 1 (default 32). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Whether each epoch has its own seeded order (default false). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The seed of the order (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether a last, smaller batch is left out (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Which shard of how many this index serves (default 0 of 1), and what to do with the remainder. */
        public Builder shard(int rank, int world, ShardRemainder remainder) {
            this.rank = rank;
            this.world = world;
            this.remainder = remainder;
            return this;
        }

        /** Checks the settings and builds the index. */
        public EpochIndex build() {
            return new EpochIndex(this);
        }
    }
}
