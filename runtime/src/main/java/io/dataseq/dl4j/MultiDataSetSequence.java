package io.dataseq.dl4j;

import io.dataseq.DataSeqException;
import io.dataseq.RecordException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.internal.Output;
import io.dataseq.internal.fetch.BatchBuffers;
import io.dataseq.internal.fetch.BatchLease;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The Deeplearning4j iterator that the generated {@code <Reader>Sequence} of a reader with several {@code @Features}
 * or several {@code @Label} methods extends, random access or streaming: a {@link MultiDataSetIterator} for
 * {@code ComputationGraph.fit}, whose {@link MultiDataSet}s hold one array per input and one per output, in the order
 * the annotations declare ({@code order = 0, 1, ...}), which is the order of the graph's {@code addInputs} and
 * {@code setOutputs}.
 *
 * <p>Everything else is as for {@link DataSetSequence}, by the same code ({@link PrefetchingIterator} over the one
 * sequence core): the index, the prefetch engine, the error policy, determinism for any worker count, resume
 * positions, shards and subsets. The arrays of a {@code MultiDataSet} from {@code next()} are views of a reused
 * buffer, valid until the same thread's next {@code next()}; build with {@code copyBatches(true)} to keep them
 * ({@code checkStaleBatches}, on by default with {@code -ea}, makes a use after that throw).
 * There are no masks: every record has the same shape in every input and output.
 */
public abstract class MultiDataSetSequence extends PrefetchingIterator<MultiDataSet> implements MultiDataSetIterator {
    private static final long serialVersionUID = 1L;

    private final List<String> inputNames;
    private final List<String> outputNames;
    private transient MultiDataSetPreProcessor preProcessor;

    /** Builds the sequence from a generated builder; starts the worker threads. */
    protected MultiDataSetSequence(SequenceBuilder<?, ?> builder) {
        super(builder);
        var outputs = core().plan().outputs();
        this.inputNames = names(outputs.features());
        this.outputNames = names(outputs.labels());
    }

    /**
     * The next batch of the epoch: every input and every output, in declared order, with each row's
     * {@link io.dataseq.RecordMetaData} when built with {@code exampleMetaData(true)}, after the pre-processor.
     *
     * @throws NoSuchElementException after the last batch (never returns null)
     * @throws RecordException when a record of the batch could not be read under {@link ErrorPolicy#FAIL}
     * @throws io.dataseq.stream.SourceException when a streaming source failed; the epoch ends with it
     * @throws DataSeqException for the engine's other failures (timeout, interruption, closed)
     */
    @Override
    public MultiDataSet next() {
        MultiDataSet batch = nextBatch(MultiDataSetSequence::multiDataSetOf);
        MultiDataSetPreProcessor pre = preProcessor;
        if (pre != null) {
            pre.preProcess(batch);
        }
        return batch;
    }

    /** Not supported: a sequence's batch size is fixed when it is built (use the builder's {@code batchSize}). */
    @Override
    public MultiDataSet next(int num) {
        throw fixedBatchSize(num);
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** The names of the inputs, in the order of the {@code MultiDataSet}'s features arrays. */
    public List<String> inputNames() {
        return inputNames;
    }

    /** The names of the outputs, in the order of the {@code MultiDataSet}'s labels arrays; empty without labels. */
    public List<String> outputNames() {
        return outputNames;
    }

    private static MultiDataSet multiDataSetOf(BatchBuffers batch, boolean copy, BatchLease lease) {
        INDArray[] features = new INDArray[batch.featureCount()];
        for (int i = 0; i < features.length; i++) {
            features[i] = copy ? batch.features(i).dup() : batch.features(i);
        }
        INDArray[] labels = new INDArray[batch.labelCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = copy ? batch.labels(i).dup() : batch.labels(i);
        }
        INDArray[] outputs = labels.length == 0 ? null : labels;
        MultiDataSet multiDataSet = lease == null ? new org.nd4j.linalg.dataset.MultiDataSet(features, outputs)
                : new CheckedMultiDataSet(features, outputs, lease);
        if (batch.metaData() != null) {
            multiDataSet.setExampleMetaData(batch.metaData());
        }
        return multiDataSet;
    }

    private static List<String> names(List<? extends Output<?>> outputs) {
        return outputs.stream().map(Output::name).collect(Collectors.toUnmodifiableList());
    }
}
