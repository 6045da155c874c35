package io.dataseq.dl4j;

import io.dataseq.fetch.BatchBuffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Turns a delivered batch into DL4J's {@link DataSet}, for {@link DataSetSequence} and
 * {@link io.dataseq.stream.StreamingSequence}: the first input as features, the first label (if any) as labels.
 */
public final class DataSets {
    private DataSets() {
    }

    /**
     * The batch as a {@link DataSet}: views of its buffers, valid as long as they are, or copies when {@code copy}
     * (the batch must outlive the buffer). Labels are null when the batch has none.
     */
    public static DataSet of(BatchBuffers batch, boolean copy) {
        INDArray features = copy ? batch.features(0).dup() : batch.features(0);
        INDArray labels = batch.labelCount() == 0 ? null : copy ? batch.labels(0).dup() : batch.labels(0);
        return new DataSet(features, labels);
    }
}
