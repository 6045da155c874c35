package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.internal.engine.PrefetchEngine;
import io.dataseq.PrefetchSettings;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.core.IndexedPlan;
import io.dataseq.internal.fetch.RecordFetcher;
import io.dataseq.SkippedRecord;
import io.dataseq.internal.index.EpochIndex;
import io.dataseq.index.ShardRemainder;
import io.dataseq.testing.SeededCases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Exactly once, through the real threads: in every epoch, the shards of a sequence together deliver each record as
 * often as the index documents (PAD: once, plus the padding repeats of the order's head; DROP: all but the order's
 * last {@code records % world}, once each; dropLast: less the positions of each shard's last, partial batch), each
 * rank in the batches its index plans, and under SKIP every planned record is either delivered or reported skipped,
 * once. The buffers allocated never exceed {@code prefetch + 1}.
 *
 * <p>A property over random settings drawn from a fixed seed per case; a failure names the case and how to replay it
 * alone ({@code -Ddataseq.exactlyOnce.case=N}). Every rank of a case is built, each with its own worker threads.
 *
 * <p>One case in three runs through {@link DataSetSequence} (the adapter: lookahead, passing over empty batches,
 * epochs by {@code reset()}, the skip report, the values in the {@code DataSet}), one rank after the other, each with
 * its own sequence and threads. The other two in three run through {@link PrefetchEngine} and an {@link IndexedPlan}
 * directly, the layers under the adapter, with one engine (threads and slots) serving every rank of the case in
 * turn. Measured on 2 cores: a case costs about 6 ms through the adapter (a sequence, its threads and buffers per
 * rank) and about 2 ms through one engine, mostly starting threads and handing batches between them; this split
 * keeps the 10,000 cases near half a minute.
 */
// A guard against a hang, not a timing assertion.
@Timeout(600)
class ExactlyOncePropertyTest {
    private static final int CASES = 10_000;
    private static final long SEED = 0xE4AC_710_0000L;
    private static final String REPLAY = "dataseq.exactlyOnce.case";

    @Test
    void everyEpochDeliversEachRecordAsTheIndexDocuments() {
        SeededCases.check(REPLAY, CASES, Case::draw, (i, c) -> check(c));
    }

    /**
     * The settings of one case. {@code failEvery} 0 reads under FAIL with no failures; otherwise about one record in
     * {@code failEvery} fails (a different set each epoch) and the case reads under SKIP; 1 fails them all.
     */
    record Case(int records, int batchSize, int workers, int prefetch, int world, ShardRemainder remainder,
            boolean dropLast, boolean shuffle, long seed, int epochs, int failEvery, boolean throughAdapter) {

        static Case draw(int number) {
            SplittableRandom random = new SplittableRandom(SEED + number);
            // Leaning towards the edges: no records, fewer records than shards or than a batch, batch size 1.
            int records = random.nextInt(4) == 0 ? random.nextInt(13) : random.nextInt(301);
            int batchSize = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 1 + random.nextInt(40);
            int failEvery = random.nextInt(4) == 0 ? 1 + random.nextInt(6) : 0;
            return new Case(records, batchSize, random.nextInt(9), 1 + random.nextInt(8), 1 + random.nextInt(4),
                    random.nextBoolean() ? ShardRemainder.PAD : ShardRemainder.DROP, random.nextBoolean(),
                    random.nextBoolean(), random.nextLong(), 1 + random.nextInt(3), failEvery, number % 3 == 0);
        }

        boolean fails(int epoch, int record) {
            if (failEvery == 0) {
                return false;
            }
            long z = (seed ^ (epoch * 0x9E3779B97F4A7C15L)) + record * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
            return Math.floorMod(z ^ (z >>> 29), failEvery) == 0;
        }

        ErrorPolicy policy() {
            return failEvery == 0 ? ErrorPolicy.FAIL : ErrorPolicy.SKIP;
        }

        Probe reader() {
            return new Probe(records, false, (epoch, record) -> {
                if (fails(epoch, record)) {
                    throw new Probe.Corrupt(epoch, record);
                }
            });
        }

        EpochIndex index(int rank) {
            return EpochIndex.builder(records).batchSize(batchSize).shuffle(shuffle).seed(seed).dropLast(dropLast)
                    .shard(rank, world, remainder).build();
        }
    }

    /** What one rank delivered in one epoch: the records of each non-empty batch, and those it skipped. */
    record Delivery(List<int[]> batches, List<Integer> skipped) {}

    private static void check(Case c) {
        List<List<Delivery>> ranks = new ArrayList<>();
        if (c.throughAdapter()) {
            for (int rank = 0; rank < c.world(); rank++) {
                ranks.add(throughAdapter(c, rank));
            }
        } else {
            ranks.addAll(throughEngine(c));
        }
        for (int epoch = 0; epoch < c.epochs(); epoch++) {
            int[] times = new int[c.records()];
            for (int rank = 0; rank < c.world(); rank++) {
                Delivery delivery = ranks.get(rank).get(epoch);
                assertPlanned(c, rank, epoch, delivery);
                delivery.batches().forEach(batch -> {
                    for (int record : batch) {
                        times[record]++;
                    }
                });
                delivery.skipped().forEach(record -> times[record]++);
            }
            assertArrayEquals(documentedTimes(c, epoch), times, "times each record was visited in epoch " + epoch);
        }
    }

    /** A rank delivers its index's batches in order, less the failing records, which it reports instead. */
    private static void assertPlanned(Case c, int rank, int epoch, Delivery delivery) {
        EpochIndex index = c.index(rank);
        int[] planned = new int[c.batchSize()];
        List<int[]> batches = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        for (int batch = 0; batch < index.batches(); batch++) {
            int length = index.recordsOf(epoch, batch, planned);
            int[] kept = new int[length];
            int rows = 0;
            for (int i = 0; i < length; i++) {
                if (c.fails(epoch, planned[i])) {
                    skipped.add(planned[i]);
                } else {
                    kept[rows++] = planned[i];
                }
            }
            if (rows > 0) {
                batches.add(Arrays.copyOf(kept, rows));
            }
        }
        String where = "rank " + rank + ", epoch " + epoch;
        assertEquals(batches.size(), delivery.batches().size(), where + ": non-empty batches");
        for (int i = 0; i < batches.size(); i++) {
            assertArrayEquals(batches.get(i), delivery.batches().get(i), where + ", non-empty batch " + i);
        }
        assertEquals(skipped, delivery.skipped(), where + ": skipped records");
    }

    /**
     * How often each record is visited in an epoch over all ranks, from the epoch's (unsharded) order alone: shard
     * position {@code k} of rank {@code r} is position {@code (k * world + r) mod records} of the order.
     */
    private static int[] documentedTimes(Case c, int epoch) {
        int records = c.records();
        int world = c.world();
        int[] times = new int[records];
        if (records == 0) {
            return times;
        }
        EpochIndex whole = EpochIndex.builder(records).shuffle(c.shuffle()).seed(c.seed()).build();
        int[] order = new int[records];
        for (int position = 0; position < records; position++) {
            order[position] = whole.record(epoch, position);
        }
        int perShard = c.remainder() == ShardRemainder.PAD ? (records + world - 1) / world : records / world;
        int visited = c.dropLast() ? perShard - perShard % c.batchSize() : perShard;
        for (int rank = 0; rank < world; rank++) {
            for (int k = 0; k < visited; k++) {
                times[order[(int) (((long) k * world + rank) % records)]]++;
            }
        }
        if (!c.dropLast()) {
            // The same, as the documentation puts it.
            int padding = world * perShard - records;
            for (int position = 0; position < records; position++) {
                int expected = c.remainder() == ShardRemainder.DROP
                        ? (position < records - records % world ? 1 : 0)
                        : 1 + padding / records + (position < padding % records ? 1 : 0);
                assertEquals(expected, times[order[position]], "documented times of position " + position);
            }
        }
        return times;
    }

    private static List<Delivery> throughAdapter(Case c, int rank) {
        List<Delivery> epochs = new ArrayList<>();
        try (ProbeSequence sequence = ProbeSequence.builder(c.reader()).batchSize(c.batchSize())
                .workers(c.workers()).prefetch(c.prefetch()).shuffle(c.shuffle()).seed(c.seed())
                .dropLast(c.dropLast()).shard(rank, c.world(), c.remainder()).onError(c.policy())
                .maxLeadingSkips(Integer.MAX_VALUE).build()) {
            int reported = 0;
            for (int epoch = 0; epoch < c.epochs(); epoch++) {
                assertEquals(epoch, sequence.epoch(), "rank " + rank);
                List<int[]> batches = new ArrayList<>();
                while (sequence.hasNext()) {
                    DataSet batch = sequence.next();
                    INDArray features = batch.getFeatures();
                    int rows = features.rows();
                    assertTrue(rows > 0, "a DataSet of 0 rows");
                    assertEquals(rows, batch.getLabels().rows(), "label rows");
                    int[] records = new int[rows];
                    for (int row = 0; row < rows; row++) {
                        records[row] = (int) features.getFloat(row, 0);
                        assertEquals(epoch, (int) features.getFloat(row, 1), "the epoch of record " + records[row]);
                    }
                    batches.add(records);
                }
                assertFalse(sequence.hasNext());
                assertThrows(NoSuchElementException.class, sequence::next);
                List<SkippedRecord> report = sequence.skipped();
                List<Integer> skipped = new ArrayList<>();
                for (SkippedRecord record : report.subList(reported, report.size())) {
                    assertEquals(epoch, record.epoch(), record.toString());
                    assertEquals(Probe.describe(record.record()), record.description());
                    skipped.add(record.record());
                }
                reported = report.size();
                assertTrue(sequence.allocatedBuffers() <= c.prefetch() + 1,
                        sequence.allocatedBuffers() + " buffers allocated");
                epochs.add(new Delivery(batches, skipped));
                sequence.reset();
            }
        }
        return epochs;
    }

    /**
     * Every rank through one engine, one rank after the other: the ranks' batches have the same buffers (same batch
     * size and outputs), so one set of worker threads and slots serves them all, as it would serve passes of one
     * sequence.
     */
    private static List<List<Delivery>> throughEngine(Case c) {
        List<List<Delivery>> ranks = new ArrayList<>();
        List<IndexedPlan> plans = new ArrayList<>();
        RecordFetcher<Probe> fetcher = new RecordFetcher<>(ProbeSequence.BINDING, ReaderSource.shared(c.reader()),
                c.policy(), true, c.seed(), null, false, false);
        for (int rank = 0; rank < c.world(); rank++) {
            plans.add(new IndexedPlan(c.index(rank), fetcher, ProbeSequence.BINDING));
        }
        try (PrefetchEngine<BatchBuffers> engine = new PrefetchEngine<>(
                PrefetchSettings.of(c.workers(), c.prefetch()), plans.get(0)::newBuffers)) {
            for (IndexedPlan plan : plans) {
                List<Delivery> epochs = new ArrayList<>();
                for (int epoch = 0; epoch < c.epochs(); epoch++) {
                    List<int[]> batches = new ArrayList<>();
                    List<Integer> skipped = new ArrayList<>();
                    engine.start(0, plan.batches(epoch), plan.pass(epoch, 0));
                    while (engine.hasNext()) {
                        BatchBuffers batch = engine.next();
                        try {
                            if (batch.rows() > 0) {
                                int[] records = new int[batch.rows()];
                                for (int row = 0; row < records.length; row++) {
                                    records[row] = batch.record(row);
                                }
                                batches.add(records);
                            }
                            batch.skipped().forEach(record -> skipped.add(record.record()));
                        } finally {
                            engine.release(batch);
                        }
                    }
                    assertThrows(NoSuchElementException.class, engine::next);
                    epochs.add(new Delivery(batches, skipped));
                }
                ranks.add(epochs);
            }
            assertTrue(engine.allocatedSlots() <= c.prefetch() + 1, engine.allocatedSlots() + " slots allocated");
        }
        return ranks;
    }
}
