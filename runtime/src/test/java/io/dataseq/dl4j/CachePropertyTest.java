package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataseq.Position;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.index.RecordSubset;
import io.dataseq.index.ShardRemainder;
import io.dataseq.testing.SeededCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cached sequence delivers the reader's batches: over random settings (records, batch size, shuffle, seed,
 * {@code dropLast}, shard, subset, workers, failing records under SKIP), the batches and skip reports of three epochs
 * of a cached sequence (the first written through, the others read from the store), of a second cached sequence that
 * reads the store from its start, and of a third resumed in the middle of epoch 1 (at its start when records fail), are bit for bit those of the
 * sequence without a cache. A failure names its case and how to replay it ({@code -Ddataseq.cache.case=N}).
 */
// A guard against a hang, not a timing assertion.
@Timeout(300)
class CachePropertyTest {
    private static final int CASES = 200;
    private static final int EPOCHS = 3;
    private static final long SEED = 0xCAC4E_0000L;
    private static final String REPLAY = "dataseq.cache.case";

    @TempDir
    Path directory;

    record Case(int records, int batchSize, boolean shuffle, long seed, boolean dropLast, int rank, int world,
            ShardRemainder remainder, boolean subset, int workers, int failEvery) {

        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(SEED + number);
            int world = 1 + random.nextInt(3);
            return new Case(random.nextInt(4) == 0 ? random.nextInt(9) : 1 + random.nextInt(150),
                    1 + random.nextInt(20), random.nextBoolean(), random.nextLong(), random.nextBoolean(),
                    random.nextInt(world), world, random.nextBoolean() ? ShardRemainder.PAD : ShardRemainder.DROP,
                    random.nextInt(3) == 0, random.nextInt(4), random.nextInt(3) == 0 ? 2 + random.nextInt(5) : 0);
        }

        Rows reader() {
            return new Rows(records, false, record -> failEvery > 0 && record % failEvery == 1);
        }

        RowsSequence.Builder builder(Rows reader) {
            RowsSequence.Builder builder = RowsSequence.builder(reader).batchSize(batchSize).shuffle(shuffle)
                    .seed(seed).dropLast(dropLast).shard(rank, world, remainder).workers(workers)
                    .onError(ErrorPolicy.SKIP);
            if (subset) {
                builder.subset(RecordSubset.range(records / 3, records));
            }
            return builder;
        }
    }

    /** An epoch's batches and the records it skipped. */
    record Epoch(List<Batches> batches, List<Integer> skipped) {}

    @Test
    void aCachedSequenceDeliversTheReadersBatches() {
        SeededCases.check(REPLAY, CASES, Case::draw, (i, c) -> check(c, directory.resolve("case-" + i)));
    }

    private static void check(Case c, Path cache) {
        List<Epoch> expected;
        try (RowsSequence plain = c.builder(c.reader()).build()) {
            expected = epochs(plain, 0);
        }
        List<Epoch> writtenThrough;
        try (RowsSequence cached = c.builder(c.reader()).cache(cache).build()) {
            writtenThrough = epochs(cached, 0);
        }
        assertSame(expected, writtenThrough, "written through, then read");
        Rows untouched = c.reader();
        try (RowsSequence fromStore = c.builder(untouched).cache(cache).build()) {
            assertSame(expected, epochs(fromStore, 0), "read from the store from the start");
        }
        for (int record = 0; record < c.records(); record++) {
            assertEquals(0, untouched.reads(0, record) + untouched.reads(1, record) + untouched.reads(2, record),
                    "record " + record + " read from the reader, not the store");
        }
        // With skips, delivered batches are not batch numbers (empty ones are passed over): resume only without.
        int middle = c.failEvery() == 0 ? expected.get(1).batches().size() / 2 : 0;
        try (RowsSequence resumed = c.builder(c.reader()).cache(cache)
                .resumeFrom(new Position(c.seed(), 1, middle)).build()) {
            List<Epoch> rest = epochs(resumed, 1);
            List<Batches> tail = expected.get(1).batches().subList(middle, expected.get(1).batches().size());
            Batches.assertSameBits(tail, rest.get(0).batches(), "resumed at batch " + middle + " of epoch 1");
        }
        try {
            Files.list(cache).forEach(path -> assertEquals(true,
                    List.of("store", ".lock").contains(path.getFileName().toString()), "left behind: " + path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Epoch> epochs(RowsSequence sequence, int first) {
        List<Epoch> epochs = new ArrayList<>();
        for (int epoch = first; epoch < EPOCHS; epoch++) {
            int before = sequence.skipped().size();
            List<Batches> batches = Batches.restOfEpoch(sequence);
            List<Integer> skipped = sequence.skipped().subList(before, sequence.skipped().size()).stream()
                    .map(SkippedRecord::record).collect(Collectors.toList());
            epochs.add(new Epoch(batches, skipped));
            sequence.reset();
        }
        return epochs;
    }

    private static void assertSame(List<Epoch> expected, List<Epoch> actual, String what) {
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Batches.assertSameBits(expected.get(epoch).batches(), actual.get(epoch).batches(), what + ", epoch "
                    + epoch);
            assertEquals(expected.get(epoch).skipped(), actual.get(epoch).skipped(), what + ", skipped in epoch "
                    + epoch);
        }
    }
}
