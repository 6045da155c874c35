package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordException;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code checkFinite(true)}: a record that writes a NaN or an infinity into its features or its label fails under
 * the error policy, named with its {@code @Describe} and the output; off (the default), the values pass as they are.
 */
@Timeout(60)
class NonFiniteCheckTest {
    private static final int RECORDS = 40;
    /** Record to the value it gets wrong: NaN or infinities in the features, infinity in the target. */
    private static final Map<Integer, String> BAD = new TreeMap<>(Map.of(7, "features 'values' holds NaN at value 2",
            13, "label 'target' holds Infinity at value 0", 22, "features 'values' holds -Infinity at value 0",
            31, "label 'target' holds NaN at value 0"));

    /** Four values and a regression target per record; a few records compute garbage. */
    static final class Measurements {
        float[] values(int record) {
            float[] values = {record, record + 0.25f, record + 0.5f, record + 0.75f};
            if (record == 7) {
                values[2] = 0f / 0f;
            } else if (record == 22) {
                values[0] = (float) Math.log(0);
            }
            return values;
        }

        float[] target(int record) {
            return new float[] {record == 13 ? 1f / 0f : record == 31 ? Float.NaN : record * 2f};
        }

        String describe(int record) {
            return "row " + record + " of measurements.csv";
        }
    }

    /** What the processor would generate for {@link Measurements}. */
    static final class MeasurementsSequence extends DataSetSequence {
        private static final long serialVersionUID = 1L;
        private static final ReaderBinding<Measurements> BINDING = ReaderBinding.<Measurements>builder()
                .size(reader -> RECORDS)
                .floatFeatures("values", new int[] {4}, (reader, record, context) -> reader.values(record))
                .floatLabel("target", new int[] {1}, (reader, record, context) -> reader.target(record))
                .describe(Measurements::describe)
                .build();

        private MeasurementsSequence(Builder builder) {
            super(builder);
        }

        static final class Builder extends SequenceBuilder<MeasurementsSequence, Builder> {
            Builder() {
                super(BINDING.over(ReaderSource.shared(new Measurements())));
                batchSize(6);
            }

            @Override
            protected Builder self() {
                return this;
            }

            @Override
            public MeasurementsSequence build() {
                return new MeasurementsSequence(this);
            }
        }
    }

    @Test
    void offByDefaultTheNonFiniteValuesReachTheBatches() {
        try (MeasurementsSequence sequence = new MeasurementsSequence.Builder().workers(2).build()) {
            int nonFinite = 0;
            while (sequence.hasNext()) {
                nonFinite += nonFiniteRows(sequence.next()).size();
            }
            assertEquals(BAD.size(), nonFinite, "each bad record delivered as it is");
        }
    }

    @Test
    void underFailTheFirstBadRecordStopsTheEpochNamedWithItsDescriptionAndOutput() {
        for (int workers : new int[] {0, 3}) {
            try (MeasurementsSequence sequence = new MeasurementsSequence.Builder().workers(workers)
                    .checkFinite(true).build()) {
                int delivered = 0;
                RecordException e = null;
                try {
                    while (sequence.hasNext()) {
                        DataSet batch = sequence.next();
                        assertEquals(List.of(), nonFiniteRows(batch));
                        delivered += batch.numExamples();
                    }
                } catch (RecordException failed) {
                    e = failed;
                }
                assertTrue(e != null, "workers " + workers);
                assertEquals(7, e.record());
                assertEquals("row 7 of measurements.csv", e.description());
                ArithmeticException cause = assertInstanceOf(ArithmeticException.class, e.getCause());
                assertEquals("features 'values' holds NaN at value 2 of 4 (checkFinite)", cause.getMessage());
                assertTrue(e.getMessage().contains("row 7 of measurements.csv"), e.getMessage());
                assertEquals(6, delivered, "the batches before the failed one");
                assertFalse(sequence.hasNext(), "FAIL stops the epoch");
                assertEquals(1, sequence.position().batch(), "a resume reads the failed batch again");
            }
        }
    }

    @Test
    void underSkipEachBadRecordIsSkippedWithItsReasonAndTheRestDelivered() {
        for (int workers : new int[] {0, 3}) {
            try (MeasurementsSequence sequence = new MeasurementsSequence.Builder().workers(workers)
                    .checkFinite(true).onError(ErrorPolicy.SKIP).build()) {
                List<Integer> delivered = new ArrayList<>();
                while (sequence.hasNext()) {
                    DataSet batch = sequence.next();
                    assertEquals(List.of(), nonFiniteRows(batch));
                    INDArray features = batch.getFeatures();
                    for (int row = 0; row < features.rows(); row++) {
                        delivered.add((int) features.getFloat(row, 0));
                    }
                }
                List<Integer> skippedRecords = new ArrayList<>();
                for (SkippedRecord skipped : sequence.skipped()) {
                    skippedRecords.add(skipped.record());
                    assertEquals("row " + skipped.record() + " of measurements.csv", skipped.description());
                    assertInstanceOf(ArithmeticException.class, skipped.cause());
                    assertTrue(skipped.cause().getMessage().startsWith(BAD.get(skipped.record())),
                            skipped.cause().getMessage());
                }
                assertEquals(List.copyOf(BAD.keySet()), skippedRecords, "workers " + workers);
                assertEquals(RECORDS - BAD.size(), delivered.size(), "delivered + skipped = visited");
                for (int record : BAD.keySet()) {
                    assertFalse(delivered.contains(record));
                }
            }
        }
    }

    @Test
    void aRecordSkippedForANonFiniteValueLeavesItsRowToTheNext() {
        try (MeasurementsSequence sequence = new MeasurementsSequence.Builder().workers(1).checkFinite(true)
                .onError(ErrorPolicy.SKIP).build()) {
            sequence.next();
            DataSet second = sequence.next(); // records 6..11, 7 skipped: its row holds record 8, finite
            assertEquals(5, second.numExamples());
            assertEquals(8f, second.getFeatures().getFloat(1, 0));
            assertEquals(16f, second.getLabels().getFloat(1, 0));
        }
    }

    @Test
    void aValueAnywhereInALargeRecordIsFoundAndPlaced() {
        int length = 3000; // several chunks of the check's read-back
        ReaderBinding<float[][]> binding = ReaderBinding.<float[][]>builder()
                .size(records -> records.length)
                .floatFeatures("image", new int[] {3, 1000}, (records, record, context) -> records[record])
                .build();
        float[][] records = new float[5][length];
        records[3][2999] = Float.POSITIVE_INFINITY;
        records[1][2048] = Float.NaN;
        final class Large extends DataSetSequence {
            private static final long serialVersionUID = 1L;

            Large(SequenceBuilder<?, ?> builder) {
                super(builder);
            }
        }
        final class LargeBuilder extends SequenceBuilder<Large, LargeBuilder> {
            LargeBuilder() {
                super(binding.over(ReaderSource.shared(records)));
            }

            @Override
            protected LargeBuilder self() {
                return this;
            }

            @Override
            public Large build() {
                return new Large(this);
            }
        }
        try (Large sequence = new LargeBuilder().batchSize(5).workers(1).checkFinite(true)
                .onError(ErrorPolicy.SKIP).build()) {
            assertEquals(3, sequence.next().numExamples());
            List<String> reasons = new ArrayList<>();
            for (SkippedRecord skipped : sequence.skipped()) {
                reasons.add(skipped.record() + ": " + skipped.cause().getMessage());
            }
            assertEquals(List.of("1: features 'image' holds NaN at value 2048 of 3000 (checkFinite)",
                    "3: features 'image' holds Infinity at value 2999 of 3000 (checkFinite)"), reasons);
        }
    }

    /** The rows of {@code batch} with a NaN or an infinity in its features or labels. */
    private static List<Integer> nonFiniteRows(DataSet batch) {
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < batch.numExamples(); row++) {
            boolean finite = true;
            for (float value : batch.getFeatures().getRow(row).toFloatVector()) {
                finite &= Float.isFinite(value);
            }
            for (float value : batch.getLabels().getRow(row).toFloatVector()) {
                finite &= Float.isFinite(value);
            }
            if (!finite) {
                rows.add(row);
            }
        }
        return rows;
    }
}
