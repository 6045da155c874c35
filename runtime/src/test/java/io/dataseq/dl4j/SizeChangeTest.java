package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.DataSeqException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A reader's {@code @Size} is asked again at the start of every epoch: a count that grew or shrank since the
 * sequence was built fails that epoch's first {@code hasNext()} with both counts, under either error policy,
 * instead of an epoch that silently leaves the new records out or fails (or, under SKIP, skips) records that are
 * gone. docs/user-guide.md ("Errors at run time") and docs/errors.md say the same.
 */
@Timeout(60)
class SizeChangeTest {

    /** A reader of a list that can change, as a reader over a folder or a table can: record r is the r-th value. */
    static final class Listed {
        final List<Float> values = new ArrayList<>();
        final AtomicInteger asked = new AtomicInteger();

        Listed(int count) {
            for (int i = 0; i < count; i++) {
                values.add((float) i);
            }
        }

        int size() {
            asked.incrementAndGet();
            return values.size();
        }

        float[] value(int record) {
            return new float[] {values.get(record)};
        }
    }

    /** What the processor would generate for {@link Listed}. */
    static final class ListedSequence extends DataSetSequence {
        private static final long serialVersionUID = 1L;
        private static final ReaderBinding<Listed> BINDING = ReaderBinding.<Listed>builder()
                .size(Listed::size)
                .floatFeatures("value", new int[] {1}, (reader, record, context) -> reader.value(record))
                .build();

        private ListedSequence(Builder builder) {
            super(builder);
        }

        static final class Builder extends SequenceBuilder<ListedSequence, Builder> {
            Builder(Listed reader) {
                super(BINDING.over(ReaderSource.shared(reader)));
            }

            @Override
            protected Builder self() {
                return this;
            }

            @Override
            public ListedSequence build() {
                return new ListedSequence(this);
            }
        }
    }

    @Test
    void aReaderThatGrewBetweenEpochsFailsTheNextEpochNamingBothCounts() {
        for (ErrorPolicy policy : ErrorPolicy.values()) {
            for (int workers : new int[] {0, 3}) {
                Listed reader = new Listed(10);
                try (ListedSequence sequence = new ListedSequence.Builder(reader).batchSize(4).workers(workers)
                        .onError(policy).build()) {
                    assertEquals(10, rows(sequence));
                    reader.values.addAll(List.of(10f, 11f, 12f, 13f, 14f));
                    sequence.reset();
                    DataSeqException e = assertThrows(DataSeqException.class, sequence::hasNext);
                    assertTrue(e.getMessage().contains("@Size changed from 10 to 15 records"), e.getMessage());
                    assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
                    assertTrue(e.getMessage().contains("never read the 5 new ones"), e.getMessage());
                    assertTrue(e.getMessage().contains("Build a new sequence"), e.getMessage());
                    assertThrows(DataSeqException.class, sequence::next, "every try says so");
                }
                try (ListedSequence rebuilt = new ListedSequence.Builder(reader).batchSize(4).workers(workers)
                        .onError(policy).build()) {
                    assertEquals(15, rows(rebuilt), "a new sequence reads the new records");
                }
            }
        }
    }

    @Test
    void aReaderThatShrankBetweenEpochsFailsTheNextEpochNamingBothCounts() {
        for (ErrorPolicy policy : ErrorPolicy.values()) {
            for (int workers : new int[] {0, 3}) {
                Listed reader = new Listed(10);
                try (ListedSequence sequence = new ListedSequence.Builder(reader).batchSize(4).workers(workers)
                        .onError(policy).build()) {
                    assertEquals(10, rows(sequence));
                    reader.values.subList(6, 10).clear();
                    sequence.reset();
                    DataSeqException e = assertThrows(DataSeqException.class, sequence::hasNext);
                    assertTrue(e.getMessage().contains("@Size changed from 10 to 6 records"), e.getMessage());
                    assertTrue(e.getMessage().contains("read records that are gone"), e.getMessage());
                    assertEquals(List.of(), sequence.skipped(), "nothing skipped: the epoch did not start");
                }
            }
        }
    }

    @Test
    void anUnchangedSizeIsAskedAgainAtEachEpochAndEveryEpochReadsAll() {
        Listed reader = new Listed(9);
        try (ListedSequence sequence = new ListedSequence.Builder(reader).batchSize(4).workers(2).build()) {
            assertEquals(1, reader.asked.get(), "at build()");
            for (int epoch = 0; epoch < 3; epoch++) {
                assertEquals(9, rows(sequence));
                assertEquals(2 + epoch, reader.asked.get(), "once more per epoch");
                sequence.reset();
            }
        }
    }

    private static int rows(ListedSequence sequence) {
        int rows = 0;
        while (sequence.hasNext()) {
            DataSet batch = sequence.next();
            rows += batch.numExamples();
        }
        return rows;
    }
}
