package io.dataseq.examples.hdf5;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HDF5 example writes its files, trains from them and learns. */
class TrainFromHdf5Test {

    @Test
    void learnsWellAboveChance(@TempDir Path folder) throws Exception {
        double accuracy = TrainFromHdf5.run(folder, 3);

        assertTrue(accuracy > 0.6, "accuracy " + accuracy + "; chance is 0.25");
    }
}
