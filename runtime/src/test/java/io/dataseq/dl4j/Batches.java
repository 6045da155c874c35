package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** A delivered batch as bits, to compare runs byte for byte; and the helpers that collect them. */
record Batches(int[] features, int[] labels) {

    /** The bits of a batch's features and labels, in C order, taken before the next {@code next()}. */
    static Batches of(DataSet batch) {
        return new Batches(bits(batch.getFeatures()), bits(batch.getLabels()));
    }

    /** The batches of the rest of the current epoch. */
    static List<Batches> restOfEpoch(DataSetSequence sequence) {
        List<Batches> batches = new ArrayList<>();
        while (sequence.hasNext()) {
            batches.add(of(sequence.next()));
        }
        return batches;
    }

    /** The record numbers of a {@link Probe} batch, from feature 0 of each row. */
    static int[] records(DataSet batch) {
        INDArray features = batch.getFeatures();
        int[] records = new int[features.rows()];
        for (int row = 0; row < records.length; row++) {
            records[row] = (int) features.getFloat(row, 0);
        }
        return records;
    }

    static void assertSameBits(List<Batches> expected, List<Batches> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": batches");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).features(), actual.get(i).features(), what + ": features of batch " + i);
            assertArrayEquals(expected.get(i).labels(), actual.get(i).labels(), what + ": labels of batch " + i);
        }
    }

    private static int[] bits(INDArray array) {
        float[][] values = array.toFloatMatrix();
        int columns = values.length == 0 ? 0 : values[0].length;
        int[] bits = new int[values.length * columns];
        for (int row = 0; row < values.length; row++) {
            for (int column = 0; column < columns; column++) {
                bits[row * columns + column] = Float.floatToRawIntBits(values[row][column]);
            }
        }
        return bits;
    }
}
