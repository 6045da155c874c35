package io.dataseq.dl4j;

import io.dataseq.DataSeqException;
import io.dataseq.RecordException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.binding.ReaderBinding;
import io.dataseq.binding.ReaderSource;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The Deeplearning4j iterator that every generated {@code <Reader>Sequence} of a reader with one {@code @Features}
 * method and at most one {@code @Label} method extends: a {@link DataSetIterator} for
 * {@code MultiLayerNetwork.fit}, over the prefetch engine, which reads the reader's records on worker threads. A
 * reader with several inputs or outputs generates a {@link MultiDataSetSequence} instead.
 *
 * <p>Epochs, how long a batch stays valid, training and validation, and threads are as
 * {@link PrefetchingIterator} says: the arrays of a {@link DataSet} from {@code next()} are views of a reused
 * buffer, valid until the same thread's next {@code next()}; {@code dataSet.copy()} or {@code copyBatches(true)}
 * keeps one.
 *
 * @param <R> the reader type
 */
public abstract class DataSetSequence<R> extends PrefetchingIterator<R, DataSet> implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final List<String> classNames;
    private final int inputColumns;
    private final int totalOutcomes;
    private transient DataSetPreProcessor preProcessor;

    /** Builds the sequence from a generated builder; starts the worker threads. */
    protected DataSetSequence(Builder<R, ?, ?> builder) {
        super(builder);
        ReaderBinding<R> binding = builder.binding;
        this.classNames = builder.classNames == null ? binding.classNames() : builder.classNames;
        this.inputColumns = binding.features().get(0).length();
        this.totalOutcomes = binding.labels().isEmpty() ? 0 : binding.labels().get(0).length();
    }

    /**
     * The next batch of the epoch: the first input as features, the label (if any) as labels, after the
     * pre-processor.
     *
     * @throws NoSuchElementException after the last batch (never returns null)
     * @throws RecordException when a record of the batch could not be read under {@link ErrorPolicy#FAIL}
     * @throws DataSeqException for the engine's other failures (timeout, interruption, closed)
     */
    @Override
    public DataSet next() {
        DataSet dataSet = nextBatch(DataSets::of);
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
     * The class names of a class-index label, in index order: those given to the builder's {@code classNames},
     * else {@code @Label(names = ...)}, else "0", "1", ...; null when the first label is not a class index.
     * DL4J's {@code evaluate} prints them.
     */
    @Override
    public List<String> getLabels() {
        return classNames.isEmpty() ? null : classNames;
    }

    /**
     * Settings of a sequence, starting from the reader's {@code @DataSequence} values; the generated
     * {@code <Reader>Sequence.Builder} extends it.
     *
     * @param <R> the reader type
     * @param <S> the generated sequence type
     * @param <B> the generated builder type
     */
    public abstract static class Builder<R, S extends DataSetSequence<R>, B extends Builder<R, S, B>>
            extends PrefetchingIterator.Builder<R, S, B> {
        List<String> classNames;

        /**
         * Starts from the runtime's defaults, over one reader shared by every worker; the generated builder then
         * applies the annotation's values.
         */
        protected Builder(ReaderBinding<R> binding, R reader) {
            this(binding, ReaderSource.shared(reader));
        }

        /**
         * Starts from the runtime's defaults, with readers from {@code readers}: shared, or one per worker thread
         * ({@link ReaderSource#perWorker}).
         */
        protected Builder(ReaderBinding<R> binding, ReaderSource<R> readers) {
            super(binding, readers);
        }

        /**
         * The class names that {@code getLabels()} returns, in index order, instead of the label's
         * {@code @Label(names = ...)}: for readers whose classes are known only at run time, e.g.
         * {@code builder(reader).classNames(folders.classNames())} with
         * {@link io.dataseq.files.ClassFolders}. Needs a class-index label (an {@code int} {@code @Label}); exactly
         * as many names as its {@code classes}, distinct and not null.
         */
        public final B classNames(List<String> classNames) {
            Objects.requireNonNull(classNames, "classNames");
            int classes = binding.classNames().size();
            if (classes == 0) {
                throw new IllegalArgumentException("classNames needs a class-index label (an int @Label with"
                        + " classes); this reader's first label is not one");
            }
            if (classNames.size() != classes) {
                throw new IllegalArgumentException(classNames.size() + " class names " + classNames + " for a label"
                        + " of " + classes + " classes: give exactly " + classes + ", in index order");
            }
            Set<String> seen = new HashSet<>();
            for (String name : classNames) {
                if (name == null) {
                    throw new IllegalArgumentException("class names must not be null: " + classNames);
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("class name \"" + name + "\" appears twice in " + classNames);
                }
            }
            this.classNames = List.copyOf(classNames);
            return self();
        }
    }
}
