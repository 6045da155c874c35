package io.dataseq.dl4j;

import io.dataseq.internal.ReaderSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordContext;
import io.dataseq.internal.ReaderBinding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** {@code training(false)} and {@code validation()} reach the reader through {@link RecordContext#training()}. */
// A guard against a hang, not a timing assertion.
@Timeout(60)
class TrainingModeTest {

    /** A reader whose features are {@code [record, 1 if training else 0]}. */
    static final class Modes {
        int size() {
            return 20;
        }

        float[] features(int record, RecordContext context) {
            return new float[] {record, context.training() ? 1 : 0};
        }
    }

    /** What the processor would generate for {@link Modes}. */
    static final class ModesSequence extends DataSetSequence {
        private static final long serialVersionUID = 1L;

        private static final ReaderBinding<Modes> BINDING = ReaderBinding.<Modes>builder()
                .size(Modes::size)
                .floatFeatures("features", new int[] {2}, Modes::features)
                .classLabel("label", 2, List.of(), (reader, record, context) -> record % 2)
                .build();

        private ModesSequence(Builder builder) {
            super(builder);
        }

        static Builder builder() {
            return new Builder();
        }

        static final class Builder extends SequenceBuilder<ModesSequence, Builder> {
            private Builder() {
                super(BINDING.over(ReaderSource.shared(new Modes())));
                batchSize(6);
                shuffle(true); // as a training reader's @DataSequence would
                seed(5);
            }

            @Override
            protected Builder self() {
                return this;
            }

            @Override
            public ModesSequence build() {
                return new ModesSequence(this);
            }
        }
    }

    @Test
    void aSequenceTrainsByDefault() {
        try (ModesSequence sequence = ModesSequence.builder().workers(2).build()) {
            assertTrue(sequence.training());
            assertEquals(20, countWhere(sequence, 1), "every record read in training mode");
        }
    }

    @Test
    void trainingFalseReachesEveryRecordsContext() {
        try (ModesSequence sequence = ModesSequence.builder().training(false).workers(2).build()) {
            assertFalse(sequence.training());
            assertEquals(20, countWhere(sequence, 0), "every record read in validation mode");
        }
    }

    @Test
    void validationNeitherShufflesNorAugmentsNorDropsTheLastBatch() {
        try (ModesSequence sequence = ModesSequence.builder().dropLast(true).validation().workers(3).build()) {
            assertFalse(sequence.training());
            assertEquals(4, sequence.batchesPerEpoch(), "20 records in batches of 6: the last batch is kept");
            int expected = 0;
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                for (int record : Batches.records(batch)) {
                    assertEquals(expected++, record, "the reader's order");
                }
                INDArray mode = batch.getFeatures().getColumn(1);
                assertEquals(0, mode.sumNumber().intValue(), "no record read in training mode");
            }
            assertEquals(20, expected);
        }
    }

    @Test
    void aSettingAfterValidationStillApplies() {
        try (ModesSequence sequence = ModesSequence.builder().validation().training(true).workers(1).build()) {
            assertTrue(sequence.training());
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, Batches.records(sequence.next()), "still not shuffled");
        }
    }

    private static int countWhere(ModesSequence sequence, int mode) {
        int count = 0;
        while (sequence.hasNext()) {
            INDArray column = sequence.next().getFeatures().getColumn(1);
            for (int row = 0; row < column.length(); row++) {
                count += column.getInt(row) == mode ? 1 : 0;
            }
        }
        return count;
    }
}
