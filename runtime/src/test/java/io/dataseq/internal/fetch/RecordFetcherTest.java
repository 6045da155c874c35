package io.dataseq.internal.fetch;

import io.dataseq.SkippedRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordContext;
import io.dataseq.RecordException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.index.EpochIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RecordFetcherTest {

    /** A reader whose values tell which record they came from: row {@code r} is {@code r, r + .25, r + .5, r + .75}. */
    static class Table {
        final int records;

        Table(int records) {
            this.records = records;
        }

        float[] row(int record) throws IOException {
            return new float[] {record, record + 0.25f, record + 0.5f, record + 0.75f};
        }

        int kind(int record) {
            return record % 3;
        }
    }

    static ReaderBinding<Table> binding() {
        return ReaderBinding.<Table>builder()
                .size(table -> table.records)
                .floatFeatures("row", new int[] {4}, (table, record, context) -> table.row(record))
                .classLabel("kind", 3, List.of(), (table, record, context) -> table.kind(record))
                .build();
    }

    static <R> IndexedFetch<R> sequence(ReaderBinding<R> binding, R reader, EpochIndex index, ErrorPolicy policy,
            SkipReport report) {
        return new IndexedFetch<>(binding, reader, index, policy);
    }

    /** The batches an index plans, fetched one at a time on the test's thread, epoch after epoch. */
    static final class IndexedFetch<R> {
        private final EpochIndex index;
        private final RecordFetcher<R> fetcher;
        private int epoch;

        IndexedFetch(ReaderBinding<R> binding, R reader, EpochIndex index, ErrorPolicy policy) {
            this.index = index;
            this.fetcher = new RecordFetcher<>(binding, ReaderSource.shared(reader), policy, true, index.seed(), null,
                    false, false);
        }

        BatchBuffers newBuffers() {
            return fetcher.newBuffers(index.batchSize());
        }

        void get(int batch, BatchBuffers into) {
            fetcher.fetch(epoch, into.recordSlots(), index.recordsOf(epoch, batch, into.recordSlots()), into);
        }

        int size() {
            return index.batches();
        }

        int epoch() {
            return epoch;
        }

        void onEpochEnd() {
            epoch++;
        }
    }

    @Test
    void eachRecordLandsInItsRowWithAOneHotLabel() {
        EpochIndex index = EpochIndex.builder(10).batchSize(4).shuffle(true).seed(3).build();
        IndexedFetch<Table> sequence = sequence(binding(), new Table(10), index, ErrorPolicy.FAIL, new SkipReport());
        BatchBuffers buffers = sequence.newBuffers();
        assertEquals(4, buffers.capacity());
        assertEquals(1, buffers.featureCount());
        assertEquals(1, buffers.labelCount());
        assertEquals(3, sequence.size());

        Set<Integer> seen = new HashSet<>();
        int[] planned = new int[4];
        for (int batch = 0; batch < sequence.size(); batch++) {
            sequence.get(batch, buffers);
            int length = index.recordsOf(0, batch, planned);
            assertEquals(length, buffers.rows());
            INDArray features = buffers.features(0);
            INDArray labels = buffers.labels(0);
            assertArrayEquals(new long[] {length, 4}, features.shape());
            assertArrayEquals(new long[] {length, 3}, labels.shape());
            for (int row = 0; row < length; row++) {
                int record = buffers.record(row);
                assertEquals(planned[row], record, "rows follow the index's order");
                seen.add(record);
                for (int column = 0; column < 4; column++) {
                    assertEquals(record + 0.25f * column, features.getFloat(row, column), "record " + record);
                }
                for (int kind = 0; kind < 3; kind++) {
                    assertEquals(kind == record % 3 ? 1f : 0f, labels.getFloat(row, kind), "record " + record);
                }
            }
            assertThrows(IndexOutOfBoundsException.class, () -> buffers.record(buffers.rows()));
        }
        assertEquals(10, seen.size());
    }

    @Test
    void theLastSmallerBatchShrinksTheViewAndAFullBatchRestoresIt() {
        EpochIndex index = EpochIndex.builder(10).batchSize(4).build();
        IndexedFetch<Table> sequence = sequence(binding(), new Table(10), index, ErrorPolicy.FAIL, new SkipReport());
        BatchBuffers buffers = sequence.newBuffers();
        sequence.get(2, buffers);
        assertEquals(2, buffers.rows());
        assertEquals(2, buffers.features(0).rows());
        assertEquals(9f, buffers.features(0).getFloat(1, 0));
        sequence.get(1, buffers); // the same buffers, reused
        assertEquals(4, buffers.rows());
        assertEquals(4f, buffers.features(0).getFloat(0, 0));
        assertEquals(7.75f, buffers.features(0).getFloat(3, 3));
    }

    /** A reader of 2x3 "images" as INDArrays of any type, and regression targets as row vectors. */
    static class Images {
        INDArray image(int record) {
            return Nd4j.arange(6).reshape(2, 3).addi(10 * record).castTo(DataType.DOUBLE);
        }

        INDArray target(int record) {
            return Nd4j.create(new float[] {record, -record}, new long[] {1, 2}); // [1, 2] for a {2} shape
        }
    }

    @Test
    void arraysOfAnyTypeAndShapeAreCopiedInCOrder() {
        ReaderBinding<Images> binding = ReaderBinding.<Images>builder()
                .size(images -> 5)
                .arrayFeatures("image", new int[] {2, 3}, (images, record, context) -> images.image(record))
                .floatFeatures("extra", new int[] {1}, (images, record, context) -> new float[] {-record})
                .arrayFeatures("transposed", new int[] {2, 3}, (images, record, context) ->
                        Nd4j.arange(6).castTo(DataType.FLOAT).reshape(3, 2).transpose()) // a view, not C order
                .arrayLabel("target", new int[] {2}, (images, record, context) -> images.target(record))
                .build();
        EpochIndex index = EpochIndex.builder(5).batchSize(5).build();
        IndexedFetch<Images> sequence = sequence(binding, new Images(), index, ErrorPolicy.FAIL, new SkipReport());
        BatchBuffers buffers = sequence.newBuffers();
        sequence.get(0, buffers);

        assertEquals(3, buffers.featureCount());
        assertArrayEquals(new long[] {5, 2, 3}, buffers.features(0).shape());
        assertEquals(DataType.FLOAT, buffers.features(0).dataType());
        for (int record = 0; record < 5; record++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(10f * record + 3 * i + j, buffers.features(0).getFloat(record, i, j));
                }
            }
            assertEquals(-record, buffers.features(1).getFloat(record, 0));
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(2f * j + i, buffers.features(2).getFloat(record, i, j));
                }
            }
            assertEquals(record, buffers.labels(0).getFloat(record, 0));
            assertEquals(-record, buffers.labels(0).getFloat(record, 1));
        }
    }

    @Test
    void skipLeavesFailingRecordsOutAndListsThem() {
        IOException unreadable = new IOException("unreadable");
        Table table = new Table(23) {
            @Override
            float[] row(int record) throws IOException {
                if (record % 4 == 1) {
                    throw unreadable;
                }
                return super.row(record);
            }

            @Override
            int kind(int record) {
                return record == 6 ? 3 : super.kind(record); // out of range: skipped too
            }
        };
        EpochIndex index = EpochIndex.builder(23).batchSize(5).shuffle(true).seed(8).build();
        SkipReport report = new SkipReport();
        IndexedFetch<Table> sequence = sequence(binding(), table, index, ErrorPolicy.SKIP, report);
        BatchBuffers buffers = sequence.newBuffers();

        Set<Integer> delivered = new HashSet<>();
        for (int batch = 0; batch < sequence.size(); batch++) {
            sequence.get(batch, buffers);
            buffers.skipped().forEach(report::add); // what the adapter does when it delivers the batch
            for (int row = 0; row < buffers.rows(); row++) {
                int record = buffers.record(row);
                assertTrue(delivered.add(record));
                assertEquals(record + 0.75f, buffers.features(0).getFloat(row, 3), "no hole left by a skip");
                assertEquals(1f, buffers.labels(0).getFloat(row, record % 3));
            }
        }
        Set<Integer> skipped = new HashSet<>();
        for (SkippedRecord record : report.records()) {
            assertEquals(0, record.epoch());
            skipped.add(record.record());
            if (record.record() == 6) {
                assertTrue(record.cause().getMessage().contains("returned class 3 for record 6"),
                        record.cause().getMessage());
            } else {
                assertSame(unreadable, record.cause());
            }
            assertTrue(record.toString().contains("record " + record.record()), record.toString());
        }
        assertEquals(Set.of(1, 5, 6, 9, 13, 17, 21), skipped);
        assertEquals(skipped.size(), report.size());
        assertEquals(23, delivered.size() + skipped.size(), "delivered + skipped = records");
    }

    @Test
    void aBatchWhoseRecordsAllFailUnderSkipIsEmpty() {
        Table table = new Table(6) {
            @Override
            float[] row(int record) throws IOException {
                if (record < 3) {
                    throw new IOException("gone");
                }
                return super.row(record);
            }
        };
        EpochIndex index = EpochIndex.builder(6).batchSize(3).build();
        SkipReport report = new SkipReport();
        IndexedFetch<Table> sequence = sequence(binding(), table, index, ErrorPolicy.SKIP, report);
        BatchBuffers buffers = sequence.newBuffers();
        sequence.get(0, buffers);
        buffers.skipped().forEach(report::add);
        assertEquals(0, buffers.rows());
        assertEquals(3, report.size());
        assertArrayEquals(new long[] {0, 4}, buffers.features(0).shape());
        sequence.get(1, buffers);
        assertEquals(3, buffers.rows());
    }

    @Test
    void failNamesTheRecordTheWorkerAndTheCause() {
        IOException unreadable = new IOException("unreadable");
        Table table = new Table(10) {
            @Override
            float[] row(int record) throws IOException {
                if (record == 5) {
                    throw unreadable;
                }
                return super.row(record);
            }
        };
        EpochIndex index = EpochIndex.builder(10).batchSize(4).build();
        IndexedFetch<Table> sequence = sequence(binding(), table, index, ErrorPolicy.FAIL, new SkipReport());
        BatchBuffers buffers = sequence.newBuffers();
        sequence.get(0, buffers);
        RecordException e = assertThrows(RecordException.class, () -> sequence.get(1, buffers));
        assertEquals(5, e.record());
        assertEquals(Thread.currentThread().getName(), e.worker());
        assertSame(unreadable, e.getCause());
        assertTrue(e.getMessage().contains("could not read record 5"), e.getMessage());
    }

    @Test
    void aFloatArrayOfTheWrongLengthIsAnErrorNamingTheRecord() {
        Table table = new Table(10) {
            @Override
            float[] row(int record) throws IOException {
                return record == 7 ? new float[3] : super.row(record);
            }
        };
        EpochIndex index = EpochIndex.builder(10).batchSize(10).build();
        IndexedFetch<Table> sequence = sequence(binding(), table, index, ErrorPolicy.FAIL, new SkipReport());
        RecordException e = assertThrows(RecordException.class, () -> sequence.get(0, sequence.newBuffers()));
        assertEquals(7, e.record());
        String message = e.getCause().getMessage();
        assertTrue(message.contains("row returned 3 values for record 7") && message.contains("[4]"), message);
    }

    @Test
    void aNullOrMisshapenValueIsAnErrorNamingTheRecord() {
        ReaderBinding<Images> binding = ReaderBinding.<Images>builder()
                .size(images -> 3)
                .arrayFeatures("image", new int[] {3, 2}, (images, record, context) ->
                        record == 1 ? images.image(record) : Nd4j.zeros(DataType.FLOAT, 3, 2))
                .floatLabel("target", new int[] {1}, (images, record, context) ->
                        record == 2 ? null : new float[] {1})
                .build();
        EpochIndex index = EpochIndex.builder(3).batchSize(1).build();
        IndexedFetch<Images> sequence = sequence(binding, new Images(), index, ErrorPolicy.FAIL, new SkipReport());
        BatchBuffers buffers = sequence.newBuffers();
        sequence.get(0, buffers);

        RecordException misshapen = assertThrows(RecordException.class, () -> sequence.get(1, buffers));
        assertEquals(1, misshapen.record());
        assertTrue(misshapen.getCause().getMessage().contains("image returned shape [2, 3] for record 1"),
                misshapen.getCause().getMessage());
        RecordException missing = assertThrows(RecordException.class, () -> sequence.get(2, buffers));
        assertEquals(2, missing.record());
        assertTrue(missing.getCause().getMessage().contains("target returned null for record 2"),
                missing.getCause().getMessage());
    }

    @Test
    void aClassIndexOutOfRangeIsAnErrorNamingTheRecord() {
        for (int wrong : new int[] {-1, 3}) {
            Table table = new Table(4) {
                @Override
                int kind(int record) {
                    return record == 2 ? wrong : super.kind(record);
                }
            };
            EpochIndex index = EpochIndex.builder(4).batchSize(4).build();
            IndexedFetch<Table> sequence = sequence(binding(), table, index, ErrorPolicy.FAIL, new SkipReport());
            RecordException e = assertThrows(RecordException.class, () -> sequence.get(0, sequence.newBuffers()));
            assertEquals(2, e.record());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("kind returned class " + wrong + " for record 2; it must "
                    + "be in 0..2"), e.getCause().getMessage());
        }
    }

    @Test
    void theReaderSeesTheEpochAndRandomNumbersOfItsRecord() {
        List<String> seen = new ArrayList<>();
        ReaderBinding<Table> binding = ReaderBinding.<Table>builder()
                .size(table -> table.records)
                .floatFeatures("noise", new int[] {1}, (table, record, context) -> {
                    synchronized (seen) {
                        seen.add(context.record() + "@" + context.epoch());
                    }
                    return new float[] {(float) context.random().nextDouble()};
                })
                .build();
        EpochIndex index = EpochIndex.builder(4).batchSize(4).seed(77).build();
        IndexedFetch<Table> sequence = new IndexedFetch<>(binding, new Table(4), index, ErrorPolicy.FAIL);
        BatchBuffers buffers = sequence.newBuffers();
        assertEquals(0, buffers.labelCount());

        sequence.get(0, buffers);
        float[] epoch0 = buffers.features(0).toFloatVector();
        sequence.get(0, buffers);
        assertArrayEquals(epoch0, buffers.features(0).toFloatVector(), "same (seed, epoch, record), same numbers");
        sequence.onEpochEnd();
        assertEquals(1, sequence.epoch());
        sequence.get(0, buffers);
        float[] epoch1 = buffers.features(0).toFloatVector();
        assertTrue(seen.containsAll(List.of("0@0", "3@0", "0@1", "3@1")), seen.toString());
        for (int record = 0; record < 4; record++) {
            assertNotEquals(epoch0[record], epoch1[record], "record " + record + " in a new epoch");
        }
        assertEquals(new RecordContext(77, 1, 2).forOutput("noise").random().nextDouble(), epoch1[2], 1e-7,
                "the output's own stream");
    }

    @Test
    void eachOutputDrawsFromItsOwnStreamWhateverTheOthersDrawOrTheOrderTheyAreRead() {
        List<String> outputs = new ArrayList<>();
        ReaderBinding<Table> binding = ReaderBinding.<Table>builder()
                .size(table -> table.records)
                .floatFeatures("first", new int[] {2}, (table, record, context) -> {
                    synchronized (outputs) {
                        outputs.add(context.output());
                    }
                    // Draws twice, and once from the record's shared stream: none of it moves the label's draw.
                    double shared = context.recordRandom().nextDouble();
                    context.random().nextDouble();
                    return new float[] {(float) context.random().nextDouble(), (float) shared};
                })
                .floatLabel("second", new int[] {2}, (table, record, context) -> {
                    synchronized (outputs) {
                        outputs.add(context.output());
                    }
                    return new float[] {(float) context.random().nextDouble(),
                        (float) context.recordRandom().nextDouble()};
                })
                .build();
        EpochIndex index = EpochIndex.builder(3).batchSize(3).seed(41).build();
        IndexedFetch<Table> sequence = new IndexedFetch<>(binding, new Table(3), index, ErrorPolicy.FAIL);
        BatchBuffers buffers = sequence.newBuffers();
        sequence.get(0, buffers);
        float[] first = buffers.features(0).dup().data().asFloat();
        float[] second = buffers.labels(0).dup().data().asFloat();
        assertEquals(List.of("first", "second"), outputs.subList(0, 2), "each method gets its output's context");
        for (int record = 0; record < 3; record++) {
            RecordContext context = new RecordContext(41, 0, record);
            assertEquals((float) context.forOutput("second").random().nextDouble(), second[2 * record],
                    "record " + record + ": the label's first draw, though the features drew twice before it");
            assertEquals(first[2 * record + 1], second[2 * record + 1], "the record's shared stream, alike in both");
            assertNotEquals(first[2 * record], second[2 * record], "two outputs, two streams");
        }
    }

    @Test
    void aRecordContextKeepsItsRandomAndDependsOnSeedEpochAndRecordOnly() {
        RecordContext context = new RecordContext(5, 2, 9);
        assertSame(context.random(), context.random());
        long first = new RecordContext(5, 2, 9).random().nextLong();
        assertEquals(first, new RecordContext(5, 2, 9).random().nextLong());
        assertNotEquals(first, new RecordContext(6, 2, 9).random().nextLong());
        assertNotEquals(first, new RecordContext(5, 3, 9).random().nextLong());
        assertNotEquals(first, new RecordContext(5, 2, 10).random().nextLong());
    }

    @Test
    void aBindingChecksWhatItIsGiven() {
        assertThrows(IllegalArgumentException.class,
                () -> ReaderBinding.<Table>builder().size(table -> 1).build(), "no features");
        ReaderBinding<Table> noSize = ReaderBinding.<Table>builder()
                .floatFeatures("row", new int[] {4}, (table, record, context) -> table.row(record)).build();
        assertThrows(IllegalStateException.class, () -> noSize.size(new Table(1)), "only a stream's records");
        assertThrows(IllegalArgumentException.class, () -> ReaderBinding.<Table>builder()
                .classLabel("kind", 1, List.of(), (table, record, context) -> 0));
        assertThrows(IllegalArgumentException.class, () -> ReaderBinding.<Table>builder()
                .classLabel("kind", 3, List.of("a", "b"), (table, record, context) -> 0));
        assertThrows(IllegalArgumentException.class, () -> ReaderBinding.<Table>builder()
                .floatFeatures("row", new int[] {2, 0}, (table, record, context) -> null));
        assertThrows(IllegalArgumentException.class, () -> ReaderBinding.<Table>builder()
                .floatFeatures("row", new int[0], (table, record, context) -> null));
        assertThrows(IllegalArgumentException.class, () -> ReaderBinding.<Table>builder()
                .floatFeatures("", new int[] {1}, (table, record, context) -> null));
        ReaderBinding<Table> negative = ReaderBinding.<Table>builder()
                .size(table -> -1)
                .floatFeatures("row", new int[] {4}, (table, record, context) -> table.row(record))
                .build();
        assertThrows(IllegalStateException.class, () -> negative.size(new Table(0)));
    }

    @Test
    void classNamesDefaultToTheIndices() {
        assertEquals(List.of("0", "1", "2"), binding().classNames());
        ReaderBinding<Table> named = ReaderBinding.<Table>builder()
                .size(table -> table.records)
                .floatFeatures("row", new int[] {4}, (table, record, context) -> table.row(record))
                .classLabel("kind", 3, List.of("cat", "dog", "eel"), (table, record, context) -> table.kind(record))
                .build();
        assertEquals(List.of("cat", "dog", "eel"), named.classNames());
        ReaderBinding<Table> regression = ReaderBinding.<Table>builder()
                .size(table -> table.records)
                .floatFeatures("row", new int[] {4}, (table, record, context) -> table.row(record))
                .floatLabel("value", new int[] {1}, (table, record, context) -> new float[] {record})
                .build();
        assertEquals(List.of(), regression.classNames());
    }
}
