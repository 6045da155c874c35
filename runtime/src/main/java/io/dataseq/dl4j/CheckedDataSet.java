package io.dataseq.dl4j;

import io.dataseq.internal.fetch.BatchLease;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A {@link DataSet} of views of a reused buffer that says so when it is used after the buffer was recycled
 * ({@code checkStaleBatches}): every method that reads the arrays checks the batch's {@link BatchLease} first. Those
 * are the getters (features, labels, masks, metadata), which the rest of {@code DataSet}'s methods call, and the
 * methods that read the fields directly (found with {@code javap -c} on ND4J 1.0.0-M2.1's {@code DataSet}):
 * together, everything DL4J's {@code fit} and {@code evaluate} touch.
 */
final class CheckedDataSet extends DataSet {
    private static final long serialVersionUID = 1L;

    /** Null only while the superclass's constructor runs. */
    private final transient BatchLease lease;

    CheckedDataSet(INDArray features, INDArray labels, BatchLease lease) {
        super(features, labels);
        this.lease = lease;
    }

    private void check() {
        if (lease != null) {
            lease.check();
        }
    }

    @Override
    public INDArray getFeatures() {
        check();
        return super.getFeatures();
    }

    @Override
    public INDArray getLabels() {
        check();
        return super.getLabels();
    }

    @Override
    public INDArray getFeaturesMaskArray() {
        check();
        return super.getFeaturesMaskArray();
    }

    @Override
    public INDArray getLabelsMaskArray() {
        check();
        return super.getLabelsMaskArray();
    }

    @Override
    public boolean hasMaskArrays() {
        check();
        return super.hasMaskArrays();
    }

    @Override
    public List<Serializable> getExampleMetaData() {
        check();
        return super.getExampleMetaData();
    }

    @Override
    public <T extends Serializable> List<T> getExampleMetaData(Class<T> metaDataType) {
        check();
        return super.getExampleMetaData(metaDataType);
    }

    @Override
    public boolean isEmpty() {
        check();
        return super.isEmpty();
    }

    @Override
    public org.nd4j.linalg.dataset.api.DataSet getRange(int from, int to) {
        check();
        return super.getRange(from, to);
    }

    @Override
    public DataSet get(int i) {
        check();
        return super.get(i);
    }

    @Override
    public List<DataSet> asList() {
        check();
        return super.asList();
    }

    @Override
    public SplitTestAndTrain splitTestAndTrain(int numHoldout) {
        check();
        return super.splitTestAndTrain(numHoldout);
    }

    @Override
    public void shuffle(long seed) {
        check();
        super.shuffle(seed);
    }

    @Override
    public Map<Integer, Double> labelCounts() {
        check();
        return super.labelCounts();
    }

    @Override
    public MultiDataSet toMultiDataSet() {
        check();
        return super.toMultiDataSet();
    }

    @Override
    public void save(OutputStream to) {
        check();
        super.save(to);
    }

    @Override
    public long getMemoryFootprint() {
        check();
        return super.getMemoryFootprint();
    }

    @Override
    public void migrate() {
        check();
        super.migrate();
    }

    @Override
    public void detach() {
        check();
        super.detach();
    }

    @Override
    public String toString() {
        check();
        return super.toString();
    }

    @Override
    public boolean equals(Object other) {
        check();
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        check();
        return super.hashCode();
    }
}
