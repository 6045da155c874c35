package io.dataseq.dl4j;

import io.dataseq.internal.fetch.BatchLease;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * A {@link MultiDataSet} of views of a reused buffer that says so when it is used after the buffer was recycled
 * ({@code checkStaleBatches}); as {@link CheckedDataSet}: the getters, and every method that reads the fields
 * directly (ND4J 1.0.0-M2.1), check the batch's {@link BatchLease} first.
 */
final class CheckedMultiDataSet extends MultiDataSet {
    private static final long serialVersionUID = 1L;

    /** Null only while the superclass's constructor runs. */
    private final transient BatchLease lease;

    CheckedMultiDataSet(INDArray[] features, INDArray[] labels, BatchLease lease) {
        super(features, labels);
        this.lease = lease;
    }

    private void check() {
        if (lease != null) {
            lease.check();
        }
    }

    @Override
    public INDArray[] getFeatures() {
        check();
        return super.getFeatures();
    }

    @Override
    public INDArray getFeatures(int index) {
        check();
        return super.getFeatures(index);
    }

    @Override
    public INDArray[] getLabels() {
        check();
        return super.getLabels();
    }

    @Override
    public INDArray getLabels(int index) {
        check();
        return super.getLabels(index);
    }

    @Override
    public INDArray[] getFeaturesMaskArrays() {
        check();
        return super.getFeaturesMaskArrays();
    }

    @Override
    public INDArray getFeaturesMaskArray(int index) {
        check();
        return super.getFeaturesMaskArray(index);
    }

    @Override
    public INDArray[] getLabelsMaskArrays() {
        check();
        return super.getLabelsMaskArrays();
    }

    @Override
    public INDArray getLabelsMaskArray(int index) {
        check();
        return super.getLabelsMaskArray(index);
    }

    @Override
    public boolean hasMaskArrays() {
        check();
        return super.hasMaskArrays();
    }

    @Override
    public int numFeatureArrays() {
        check();
        return super.numFeatureArrays();
    }

    @Override
    public int numLabelsArrays() {
        check();
        return super.numLabelsArrays();
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
    public List<org.nd4j.linalg.dataset.api.MultiDataSet> asList() {
        check();
        return super.asList();
    }

    @Override
    public MultiDataSet copy() {
        check();
        return super.copy();
    }

    @Override
    public void shuffle() {
        check();
        super.shuffle();
    }

    @Override
    public void save(OutputStream to) throws IOException {
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
    public boolean isEmpty() {
        check();
        return super.isEmpty();
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
