package io.dataseq.dl4j;

import io.dataseq.DataSeqException;
import io.dataseq.RecordException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.fetch.BatchLease;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The Deeplearning4j iterator that every generated {@code <Reader>Sequence} of a reader with one {@code @Features}
 * method and at most one {@code @Label} method extends, random access or streaming: a {@link DataSetIterator} for
 * {@code MultiLayerNetwork.fit}. A reader with several inputs or outputs generates a {@link MultiDataSetSequence}
 * instead.
 *
 * <p>Epochs, how long a batch stays valid, training and validation, and threads are as
 * {@link PrefetchingIterator} says: the arrays of a {@link DataSet} from {@code next()} are views of a reused
 * buffer, valid until the same thread's next {@code next()}; {@code dataSet.copy()} or {@code copyBatches(true)}
 * keeps one. With {@code checkStaleBatches} (on by default when the JVM runs with {@code -ea}) a {@code DataSet}
 * used after that throws an {@link IllegalStateException} naming the batch instead of reading other records.
 */
public abstract class DataSetSequence extends PrefetchingIterator<DataSet> implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final int inputColumns;
    private final int totalOutcomes;
    private transient DataSetPreProcessor preProcessor;

    /** Builds the sequence from a generated builder; starts the worker threads. */
    protected DataSetSequence(SequenceBuilder<?, ?> builder) {
        super(builder);
        var outputs = core().plan().outputs();
        this.inputColumns = outputs.features().get(0).length();
        this.totalOutcomes = outputs.labels().isEmpty() ? 0 : outputs.labels().get(0).length();
    }

    /**
     * The next batch of the epoch: the first input as features, the label (if any) as labels, with each row's
     * {@link io.dataseq.RecordMetaData} when built with {@code exampleMetaData(true)}, after the pre-processor.
     *
     * @throws NoSuchElementException after the last batch (never returns null)
     * @throws RecordException when a record of the batch could not be read under {@link ErrorPolicy#FAIL}
     * @throws io.dataseq.stream.SourceException when a streaming source failed; the epoch ends with it
     * @throws DataSeqException for the engine's other failures (timeout, interruption, closed)
     */
    @Override
    public DataSet next() {
        DataSet dataSet = nextBatch(DataSetSequence::dataSetOf);
        DataSetPreProcessor pre = preProcessor;
        if (pre != null) {
            pre.preProcess(dataSet);
        }
        return dataSet;
    }

    /** Not supported: a sequence's batch size is fixed when it is built (use the builder's {@code batchSize}). */
    @Override
    public DataSet next(int num) {
        throw fixedBatchSize(num);
    }

    @Override
    public int inputColumns() {
        return inputColumns;
    }

    @Override
    public int totalOutcomes() {
        return totalOutcomes;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /**
     * The class names of a class-index label, in index order (see {@link #classNames()}); null when the first label
     * is not a class index. DL4J's {@code evaluate} prints them.
     */
    @Override
    public List<String> getLabels() {
        return classNames().isEmpty() ? null : classNames();
    }

    private static DataSet dataSetOf(BatchBuffers batch, boolean copy, BatchLease lease) {
        INDArray features = copy ? batch.features(0).dup() : batch.features(0);
        INDArray labels = batch.labelCount() == 0 ? null : copy ? batch.labels(0).dup() : batch.labels(0);
        DataSet dataSet = lease == null ? new DataSet(features, labels) : new CheckedDataSet(features, labels, lease);
        if (batch.metaData() != null) {
            dataSet.setExampleMetaData(batch.metaData());
        }
        return dataSet;
    }
}
