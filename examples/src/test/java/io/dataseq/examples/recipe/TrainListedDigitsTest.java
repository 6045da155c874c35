package io.dataseq.examples.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.dl4j.MultiDataSetSequence;
import io.dataseq.files.CsvLabels;
import io.dataseq.files.PathLabelList;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The endless two-input recipe: a streaming reader with two inputs is a {@link MultiDataSetSequence} whose batches
 * hold the image and the HDF5 profile of the same line, and a two-input graph learns from it.
 */
class TrainListedDigitsTest {
    private static final Path LABELS = Path.of("data/mnist-jpg/labels.csv");

    @Test
    void eachBatchHoldsBothInputsOfTheSameLines(@TempDir Path work) throws Exception {
        PathLabelList list = PathLabelList.readIndices(LABELS.getParent(), TrainListedDigits.writeList(LABELS, work),
                ListedDigits.CLASSES);
        CsvLabels csv = CsvLabels.readIndices(LABELS.getParent(), LABELS, "image_name", "label", 10);
        assertEquals(csv.size(), list.size());
        for (int record = 0; record < list.size(); record++) {
            assertEquals(csv.file(record), list.file(record), "the list's Windows separators are read as /");
            assertEquals(csv.classOf(record), list.classOf(record));
        }
        Path profiles = TrainListedDigits.writeProfiles(list, work.resolve("profiles.h5"));
        try (ListedDigits reader = new ListedDigits(list, profiles);
                ListedDigitsSequence sequence = ListedDigitsSequence.builder(reader,
                        ListedDigits.lines(list, 5, 0, 4)).stepsPerEpoch(3).workers(2).build()) {
            assertEquals(List.of("image", "profile"), sequence.inputNames());
            assertEquals(3, sequence.batchesPerEpoch());
            MultiDataSet batch = sequence.next();
            assertEquals(32, batch.getFeatures(0).size(0));
            for (int row = 0; row < 32; row++) {
                // The profile's row sums are the image's, whatever line the shuffle put in this row.
                float rowSum = batch.getFeatures(0).get(NDArrayIndex.point(row), NDArrayIndex.point(0),
                        NDArrayIndex.point(14), NDArrayIndex.all()).sumNumber().floatValue();
                assertEquals(rowSum / 28f, batch.getFeatures(1).getFloat(row, 14), 1e-4f, "row " + row);
            }
        }
    }

    @Test
    void aTwoInputGraphLearnsFromTheEndlessList(@TempDir Path work) throws Exception {
        double accuracy = TrainListedDigits.run(LABELS, work, 2, false);
        assertTrue(accuracy > 0.7, "accuracy " + accuracy + "; chance is 0.1");
    }
}
