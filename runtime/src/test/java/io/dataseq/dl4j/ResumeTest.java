package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.Position;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.internal.index.EpochIndex;
import io.dataseq.index.ShardRemainder;
import io.dataseq.testing.SeededCases;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sequence stopped anywhere and resumed from its {@code position()} delivers exactly what the uninterrupted one
 * would have: the rest of the epoch, bit for bit, then the next epoch. Random cases from a fixed seed; a failure
 * names the case ({@code -Ddataseq.resume.case=N} replays it alone).
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class ResumeTest {
    private static final int CASES = 150;
    private static final long SEED = 0x2E5_0000L;
    private static final String REPLAY = "dataseq.resume.case";

    /**
     * One case. Stops after {@code stopAfter} batches of epoch {@code epoch} ({@code batches} of them, all when it
     * is larger), calling {@code hasNext()} once more first when {@code peek} (so a batch is held in lookahead).
     * Under SKIP ({@code failEvery > 0}) some records fail, and some batches are all failures, passed over.
     */
    record Case(int records, int batchSize, int workers, long seed, int epoch, int stopAfter, boolean peek,
            int rank, int world, boolean dropLast, int failEvery) {

        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(SEED + number);
            int world = random.nextInt(3) == 0 ? 2 + random.nextInt(2) : 1;
            return new Case(random.nextInt(121), 1 + random.nextInt(16), random.nextInt(5), random.nextLong(),
                    random.nextInt(3), random.nextInt(20), random.nextBoolean(), random.nextInt(world), world,
                    random.nextInt(4) == 0, random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0);
        }

        boolean fails(int epoch, int record) {
            return failEvery > 0 && Math.floorMod(record * 31 + epoch * 17 + seed, failEvery) == 0;
        }

        ProbeSequence.Builder builder() {
            Probe reader = new Probe(records, true, (epoch, record) -> {
                if (fails(epoch, record)) {
                    throw new Probe.Corrupt(epoch, record);
                }
            });
            return ProbeSequence.builder(reader).batchSize(batchSize).workers(workers).prefetch(3).shuffle(true)
                    .seed(seed).dropLast(dropLast).shard(rank, world, ShardRemainder.PAD)
                    .onError(failEvery > 0 ? ErrorPolicy.SKIP : ErrorPolicy.FAIL)
                    .maxLeadingSkips(Integer.MAX_VALUE); // cases where every record fails are cases too
        }

        /** How many of the first {@code batches} batches of {@code epoch} are delivered (not all failures). */
        int delivered(int epoch, int batches) {
            EpochIndex index = EpochIndex.builder(records).batchSize(batchSize).shuffle(true).seed(seed)
                    .dropLast(dropLast).shard(rank, world, ShardRemainder.PAD).build();
            int[] planned = new int[batchSize];
            int delivered = 0;
            for (int batch = 0; batch < batches; batch++) {
                int length = index.recordsOf(epoch, batch, planned);
                for (int i = 0; i < length; i++) {
                    if (!fails(epoch, planned[i])) {
                        delivered++;
                        break;
                    }
                }
            }
            return delivered;
        }
    }

    @Test
    void aResumedSequenceDeliversExactlyWhatTheUninterruptedOneWould() {
        SeededCases.check(REPLAY, CASES, Case::draw, (i, c) -> check(c));
    }

    private static void check(Case c) {
        List<List<Batches>> uninterrupted = new ArrayList<>();
        int batches;
        try (ProbeSequence sequence = c.builder().build()) {
            batches = sequence.batchesPerEpoch();
            for (int epoch = 0; epoch <= c.epoch() + 2; epoch++) {
                uninterrupted.add(Batches.restOfEpoch(sequence));
                assertEquals(new Position(c.seed(), epoch + 1, 0), sequence.position(), "at the end of an epoch");
                sequence.reset();
            }
        }

        Position saved;
        int taken = 0;
        try (ProbeSequence sequence = c.builder().build()) {
            for (int epoch = 0; epoch < c.epoch(); epoch++) {
                Batches.restOfEpoch(sequence);
                sequence.reset();
            }
            assertEquals(new Position(c.seed(), c.epoch(), 0), sequence.position(), "after reset()");
            while (taken < c.stopAfter() && sequence.hasNext()) {
                sequence.next();
                taken++;
            }
            if (c.peek()) {
                sequence.hasNext();
            }
            saved = sequence.position();
        }
        assertEquals(c.seed(), saved.seed());
        assertTrue(saved.epoch() == c.epoch() || saved.equals(new Position(c.seed(), c.epoch() + 1, 0)),
                "saved " + saved);
        if (saved.epoch() == c.epoch()) {
            assertTrue(saved.batch() < batches || batches == 0, "saved " + saved + " of " + batches + " batches");
            // The batches delivered before the position are the ones taken; the rest are still to come.
            assertEquals(taken, c.delivered(c.epoch(), saved.batch()), "non-empty batches before " + saved);
        } else {
            assertEquals(uninterrupted.get(c.epoch()).size(), taken, "the whole epoch was taken");
        }

        try (ProbeSequence resumed = c.builder().resumeFrom(saved).build()) {
            assertEquals(saved, resumed.position(), "before it starts");
            assertEquals(saved.epoch(), resumed.epoch());
            List<Batches> expected = uninterrupted.get(saved.epoch());
            List<Batches> rest = expected.subList(c.delivered(saved.epoch(), saved.batch()), expected.size());
            Batches.assertSameBits(rest, Batches.restOfEpoch(resumed), "the rest of epoch " + saved.epoch());
            assertFalse(resumed.hasNext());
            assertEquals(new Position(c.seed(), saved.epoch() + 1, 0), resumed.position(), "at the end of the epoch");
            resumed.reset();
            assertEquals(saved.epoch() + 1, resumed.epoch());
            Batches.assertSameBits(uninterrupted.get(saved.epoch() + 1), Batches.restOfEpoch(resumed),
                    "epoch " + (saved.epoch() + 1));
            assertEquals(new Position(c.seed(), saved.epoch() + 2, 0), resumed.position());
        }
    }

    @Test
    void aPositionOfAnotherSeedOrPastTheEpochIsRejected() {
        Probe reader = new Probe(50);
        IllegalArgumentException otherSeed = assertThrows(IllegalArgumentException.class,
                () -> ProbeSequence.builder(reader).batchSize(10).seed(7).resumeFrom(new Position(8, 1, 2)).build());
        assertTrue(otherSeed.getMessage().contains("seed 8") && otherSeed.getMessage().contains("seed 7"),
                otherSeed.getMessage());
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> ProbeSequence.builder(reader).batchSize(10).seed(7).resumeFrom(new Position(7, 1, 6)).build());
        assertTrue(past.getMessage().contains("batch 6"), past.getMessage());
    }

    @Test
    void aPositionAtTheEndOfAnEpochResumesAtTheNextOne() {
        try (ProbeSequence resumed = ProbeSequence.builder(new Probe(50)).batchSize(10).seed(7).workers(1)
                .resumeFrom(new Position(7, 1, 5)).build()) {
            assertFalse(resumed.hasNext(), "nothing left of epoch 1");
            assertEquals(new Position(7, 2, 0), resumed.position());
            resumed.reset();
            assertEquals(2, resumed.epoch());
            assertEquals(5, Batches.restOfEpoch(resumed).size());
        }
    }
}
