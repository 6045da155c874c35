package io.dataseq.examples.perworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** A reader with mutable state, read by four workers at once through per-worker instances, gives exact batches. */
class PerWorkerReaderTest {
    private static final int RECORDS = 203;
    private static final int EPOCHS = 3;

    @Test
    void eachWorkerReadsWithItsOwnReaderAndEveryBatchIsExact() {
        List<Waveforms> made = Collections.synchronizedList(new ArrayList<>());

        try (WaveformsSequence sequence = WaveformsSequence.perWorker(() -> {
            Waveforms reader = new Waveforms(RECORDS);
            made.add(reader);
            return reader;
        }).build()) {
            assertEquals(4, sequence.prefetchSettings().workers());
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                Set<Integer> seen = new HashSet<>();
                while (sequence.hasNext()) {
                    DataSet batch = sequence.next();
                    for (int row = 0; row < batch.numExamples(); row++) {
                        int record = checkRow(batch.getFeatures(), batch.getLabels(), row);
                        assertTrue(seen.add(record), "record " + record + " twice in epoch " + epoch);
                    }
                }
                assertEquals(RECORDS, seen.size(), "records of epoch " + epoch);
                sequence.reset();
            }
        }

        // One reader for the record count, and one for each worker thread that read.
        assertTrue(made.size() >= 2 && made.size() <= 5, made.size() + " readers made");
        assertEquals(EPOCHS * RECORDS, made.stream().mapToInt(Waveforms::reads).sum());
    }

    /** Checks one row against the values its first one names; returns its record. */
    private static int checkRow(INDArray features, INDArray labels, int row) {
        int record = (int) features.getFloat(row, 0) / Waveforms.LENGTH;
        for (int i = 0; i < Waveforms.LENGTH; i++) {
            assertEquals(Waveforms.value(record, i), features.getFloat(row, i), "record " + record + " value " + i);
        }
        assertEquals(record % 2 == 0 ? 1f : 0f, labels.getFloat(row, 0), "record " + record + " label");
        assertEquals(record % 2 == 1 ? 1f : 0f, labels.getFloat(row, 1), "record " + record + " label");
        return record;
    }
}
