package io.dataseq.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.dataseq.Position;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.testing.SeededCases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A source that throws mid-stream loses and duplicates nothing, through the real threads, recorded and endless, for
 * 0 to 4 workers, under FAIL and under SKIP with failing records. The faulty source throws once, at a drawn pull
 * (a dropped connection); a fault-free sequence of the same settings is the reference. Then:
 *
 * <ul>
 *   <li>the batches delivered before the {@link SourceException} are the reference's first batches, and the failed
 *       batch is the one that needed the failed position (recorded: {@code position / batchSize});
 *   <li>a sequence built with {@code resumeFrom(position())} delivers exactly the reference's other batches of the
 *       epoch, the failed one first: delivered + skipped + failed = visited, each record once, in order, and the
 *       skip reports of the two add up to the reference's;
 *   <li>the same sequence goes on after {@code reset()}: its next epoch asks the source again (a recording reads it
 *       from its start, an endless stream reopens it where it failed) and is the reference's epoch of that number,
 *       instead of the failure thrown again without asking the source.
 * </ul>
 *
 * <p>Seeded cases; a failure names its case and how to replay it ({@code -Ddataseq.sourceFault.case=N}).
 */
// A guard against a hang, not a timing assertion.
@Timeout(600)
class SourceFaultPropertyTest {
    private static final int CASES = 400;
    private static final long SEED = 0x50_0F_A017L;
    private static final String REPLAY = "dataseq.sourceFault.case";

    /** One case; {@code failEvery} 0 reads under FAIL, else about one record in {@code failEvery} fails under SKIP. */
    record Case(int size, int batchSize, boolean endless, int steps, boolean shuffle, int shuffleBuffer, long seed,
            int workers, int prefetch, int failEvery, long faultAt) {

        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(SEED + number);
            int size = 1 + random.nextInt(120);
            int batchSize = 1 + random.nextInt(12);
            boolean endless = random.nextBoolean();
            int steps = 1 + random.nextInt(8);
            int records = endless ? steps * batchSize : size;
            return new Case(size, batchSize, endless, steps, random.nextBoolean(), 1 + random.nextInt(20),
                    random.nextLong(), random.nextInt(5), 1 + random.nextInt(6),
                    random.nextInt(3) == 0 ? 2 + random.nextInt(5) : 0, random.nextInt(records));
        }

        long number(long i) {
            return i * 37 + 11;
        }

        boolean fails(long number) {
            return failEvery > 0 && Math.floorMod(number * 0x9E3779B97F4A7C15L + seed, failEvery) == 0;
        }
    }

    /** The numbers of {@code size} positions (endless: repeated), throwing once at pull {@code faultAt} (-1: never). */
    private static final class Faulty implements DescriptorSource<Long> {
        private final Case c;
        private final long faultAt;
        private final AtomicLong pulls = new AtomicLong();

        Faulty(Case c, long faultAt) {
            this.c = c;
            this.faultAt = faultAt;
        }

        @Override
        public Iterator<Long> open() {
            return new Iterator<>() {
                private long next;

                @Override
                public boolean hasNext() {
                    return c.endless() || next < c.size();
                }

                @Override
                public Long next() {
                    if (pulls.getAndIncrement() == faultAt) {
                        throw new IllegalStateException("the connection dropped at pull " + faultAt);
                    }
                    return c.number(next++);
                }
            };
        }
    }

    /** What one pass delivered: its batches and the records it skipped. */
    private record Pass(List<String> batches, List<String> skipped) {}

    @Test
    void aSourceThatFailsMidStreamLosesNothingDuplicatesNothingAndTheSequenceGoesOn() {
        SeededCases.check(REPLAY, CASES, Case::draw, (i, c) -> check(c));
    }

    private static void check(Case c) {
        List<Pass> reference = new ArrayList<>();
        try (NumbersSequence sequence = builder(c, new Faulty(c, -1), 1).build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                reference.add(read(sequence, epoch));
                sequence.reset();
            }
        }
        Pass before;
        Position position;
        try (NumbersSequence sequence = builder(c, new Faulty(c, c.faultAt()), c.workers()).build()) {
            SourceException failure = null;
            List<String> batches = new ArrayList<>();
            try {
                while (sequence.hasNext()) {
                    batches.add(Arrays.toString(numbers(sequence.next())));
                }
            } catch (SourceException e) {
                failure = e;
            }
            assertNotNull(failure, "the source failed at pull " + c.faultAt());
            assertEquals(c.faultAt(), failure.position());
            assertFalse(sequence.hasNext(), "the epoch ends with the source");
            before = new Pass(batches, skips(sequence, 0));
            position = sequence.position();
            assertEquals(0, position.epoch(), "position " + position + " batches " + batches + " skipped " + before.skipped());
            if (!c.endless()) {
                assertEquals(c.faultAt() / c.batchSize(), position.batch(), "the failed batch");
            }
            sequence.reset();
            int next = sequence.epoch();
            assertEquals(reference.get(next), read(sequence, next), "the epoch after the failure, " + next);
        }
        Pass after;
        try (NumbersSequence resumed = builder(c, new Faulty(c, -1), c.workers()).resumeFrom(position).build()) {
            after = read(resumed, 0);
        }
        List<String> batches = new ArrayList<>(before.batches());
        batches.addAll(after.batches());
        List<String> skipped = new ArrayList<>(before.skipped());
        skipped.addAll(after.skipped());
        assertEquals(reference.get(0), new Pass(batches, skipped),
                "delivered before the failure, then by the resumed sequence");
    }

    private static NumbersSequence.Builder builder(Case c, DescriptorSource<Long> source, int workers) {
        NumbersSequence.Builder builder = NumbersSequence.builder(new Numbers(false, c::fails, 0), source)
                .batchSize(c.batchSize()).shuffle(c.shuffle()).seed(c.seed()).workers(workers)
                .prefetch(c.prefetch()).onError(c.failEvery() > 0 ? ErrorPolicy.SKIP : ErrorPolicy.FAIL)
                .maxLeadingSkips(Integer.MAX_VALUE);
        return c.endless() ? builder.stepsPerEpoch(c.steps()).shuffleBuffer(c.shuffleBuffer()) : builder;
    }

    /** The rest of the epoch: its batches, and what it skipped. */
    private static Pass read(NumbersSequence sequence, int epoch) {
        int skippedBefore = sequence.skipped().size();
        List<String> batches = new ArrayList<>();
        while (sequence.hasNext()) {
            batches.add(Arrays.toString(numbers(sequence.next())));
        }
        List<String> skipped = new ArrayList<>();
        for (SkippedRecord s : sequence.skipped().subList(skippedBefore, sequence.skipped().size())) {
            assertEquals(epoch, s.epoch());
            skipped.add(s.description());
        }
        return new Pass(batches, skipped);
    }

    private static List<String> skips(NumbersSequence sequence, int epoch) {
        List<String> skipped = new ArrayList<>();
        for (SkippedRecord s : sequence.skipped()) {
            assertEquals(epoch, s.epoch());
            skipped.add(s.description());
        }
        return skipped;
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
