package io.dataseq.internal.fetch;

import io.dataseq.RecordMetaData;
import io.dataseq.SkippedRecord;
import io.dataseq.internal.Output;
import io.dataseq.timing.StageClock;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The reusable buffers of one batch: a float32, C-order array of {@code [batchSize, shape...]} per input and per
 * output, allocated once and filled in place by the workers, record after record (no per-record array, no
 * concatenation). Also holds which records filled which rows, and, for a sequence built with
 * {@code exampleMetaData(true)}, each row's record identity and description.
 *
 * <p>A buffer is written by one worker at a time and read by one consumer at a time; the prefetch engine hands it
 * from one to the other.
 */
public final class BatchBuffers {
    private final int capacity;
    private final INDArray[] features;
    private final INDArray[] labels;
    private final FloatBuffer[] featureValues;
    private final FloatBuffer[] labelValues;
    private final int[] records;
    private final List<SkippedRecord> skipped = new ArrayList<>();
    private final StageClock clock;
    private final long[] keys;
    private final String[] descriptions;
    private int rows;
    private boolean pastEnd;
    // The batch of the last fill, set by its worker before it fills; read by the consumer it is handed to.
    private int epoch;
    private int batch;
    /**
     * Counts the times the buffers went back to the pool: a {@link BatchLease} taken before a recycling sees another
     * value. Written by the one party that gives the buffers back (under the engine's hand-over), read by any thread.
     */
    private volatile int generation;

    /**
     * Allocates the buffers, with a clock that times each fill's stages (one clock per buffer: one writer), and room
     * for each row's identity and description when {@code describeRows}.
     */
    @SuppressWarnings("try") // the workspace scope is used for its effect alone
    public BatchBuffers(int capacity, List<? extends Output<?>> featureOutputs, List<? extends Output<?>> labelOutputs,
            StageClock clock, boolean describeRows) {
        this.capacity = capacity;
        this.clock = clock;
        this.records = new int[capacity];
        this.keys = describeRows ? new long[capacity] : null;
        this.descriptions = describeRows ? new String[capacity] : null;
        // Out of any workspace: these arrays outlive every scope DL4J opens on the consumer's thread.
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            this.features = allocate(capacity, featureOutputs);
            this.labels = allocate(capacity, labelOutputs);
        }
        this.featureValues = views(features);
        this.labelValues = views(labels);
    }

    /** The most records a batch can hold. */
    public int capacity() {
        return capacity;
    }

    /** How many rows the last fill wrote (the batch's record count, fewer than planned when records were skipped). */
    public int rows() {
        return rows;
    }

    /** The record number behind each filled row; index {@code 0 .. rows() - 1}. */
    public int record(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " outside 0.." + (rows - 1));
        }
        return records[row];
    }

    /**
     * The records the last fill left out under {@code SKIP}. The sequence adds them to its report only when the
     * batch is delivered, so a batch cancelled by {@code reset()} reports nothing.
     */
    public List<SkippedRecord> skipped() {
        return List.copyOf(skipped);
    }

    /** The filled rows of input {@code i}: a view of the first {@link #rows()} rows, no copy. */
    public INDArray features(int i) {
        return firstRows(features[i]);
    }

    /** The filled rows of output {@code i}: a view of the first {@link #rows()} rows, no copy. */
    public INDArray labels(int i) {
        return firstRows(labels[i]);
    }

    /**
     * Whether the last fill found its batch past the end of the records (a source that ended): the batch has no rows
     * and no later batch of the pass has any.
     */
    public boolean pastEnd() {
        return pastEnd;
    }

    /** Marks this batch as lying past the end of the records, with no rows; see {@link #pastEnd()}. */
    public void markPastEnd() {
        startFill();
        pastEnd = true;
    }

    /**
     * Each row's record identity and description, in row order, for {@code DataSet.setExampleMetaData}; null
     * unless the buffers were made to describe rows.
     */
    public List<RecordMetaData> metaData() {
        if (keys == null) {
            return null;
        }
        List<RecordMetaData> rowsMetaData = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            rowsMetaData.add(new RecordMetaData(keys[row], descriptions[row]));
        }
        return rowsMetaData;
    }

    /** Notes which batch the next fill is: batch {@code batch} of epoch {@code epoch}. */
    public void assign(int epoch, int batch) {
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The epoch of the batch last filled. */
    public int epoch() {
        return epoch;
    }

    /** The number of the batch last filled, in its epoch. */
    public int batch() {
        return batch;
    }

    /**
     * The buffers go back to the pool: every view of them handed out before is stale from now on, and a
     * {@link BatchLease} taken before says so.
     */
    public void recycled() {
        generation++; // one writer at a time: the consumer or core that gives the buffers back
    }

    /** How often the buffers went back to the pool. */
    int generation() {
        return generation;
    }

    /** A lease on the batch these buffers hold now, for the calling thread, which receives views of them. */
    public BatchLease lease() {
        return new BatchLease(this, generation, Thread.currentThread().getName());
    }

    /** The number of inputs. */
    public int featureCount() {
        return features.length;
    }

    /** The number of outputs. */
    public int labelCount() {
        return labels.length;
    }

    /**
     * The values of input {@code i} of the whole batch, row after row: a view of the array's own memory, for what
     * keeps a copy of the filled rows (a store being written). Index {@code row * length}; no position is used.
     */
    public FloatBuffer featureValues(int i) {
        return featureValues[i];
    }

    /** The values of output {@code i} of the whole batch; see {@link #featureValues(int)}. */
    public FloatBuffer labelValues(int i) {
        return labelValues[i];
    }

    StageClock clock() {
        return clock;
    }

    /** The array the record numbers of a batch are planned in and compacted to, one slot per row. */
    public int[] recordSlots() {
        return records;
    }

    boolean describesRows() {
        return keys != null;
    }

    void describeRow(int row, long key, String description) {
        keys[row] = key;
        descriptions[row] = description;
    }

    void startFill() {
        rows = 0;
        pastEnd = false;
        skipped.clear();
    }

    void addSkipped(SkippedRecord record) {
        skipped.add(record);
    }

    /**
     * Ends a fill of {@code rows} rows. The values were written through the host view of the arrays: a backend
     * that keeps a device copy (CUDA) must be told the host copy is now the fresh one; on the CPU this is a no-op.
     */
    void finishFill(int rows) {
        this.rows = rows;
        AffinityManager affinity = Nd4j.getAffinityManager();
        for (INDArray array : features) {
            affinity.tagLocation(array, AffinityManager.Location.HOST);
        }
        for (INDArray array : labels) {
            affinity.tagLocation(array, AffinityManager.Location.HOST);
        }
    }

    private INDArray firstRows(INDArray full) {
        if (rows == capacity) {
            return full;
        }
        INDArrayIndex[] indices = new INDArrayIndex[full.rank()];
        indices[0] = NDArrayIndex.interval(0, rows);
        for (int d = 1; d < indices.length; d++) {
            indices[d] = NDArrayIndex.all();
        }
        return full.get(indices);
    }

    private static INDArray[] allocate(int capacity, List<? extends Output<?>> outputs) {
        INDArray[] arrays = new INDArray[outputs.size()];
        for (int i = 0; i < arrays.length; i++) {
            int[] shape = outputs.get(i).shape();
            long[] batchShape = new long[shape.length + 1];
            batchShape[0] = capacity;
            for (int d = 0; d < shape.length; d++) {
                batchShape[d + 1] = shape[d];
            }
            arrays[i] = Nd4j.create(DataType.FLOAT, batchShape, 'c');
        }
        return arrays;
    }

    private static FloatBuffer[] views(INDArray[] arrays) {
        FloatBuffer[] views = new FloatBuffer[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            // A direct view of the array's own (off-heap) memory, written with absolute bulk puts.
            views[i] = arrays[i].data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        return views;
    }
}
