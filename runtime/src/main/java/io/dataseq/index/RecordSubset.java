package io.dataseq.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * The records of a reader that a sequence reads, as record numbers in a fixed order: every record
 * ({@link #all}), a range, or an explicit list ({@link #of}, or a {@link Split}'s train or validation part). An
 * epoch visits each of them once, in this order or, when shuffling, in a seeded permutation of it.
 *
 * <p>Immutable and thread-safe. {@link #all} and {@link #range} cost O(1) memory for any record count; an explicit
 * list costs 4 bytes per record.
 */
public final class RecordSubset {
    private final int from;
    private final int size;
    private final int[] records; // null for a range: record(i) = from + i
    private final int limit;

    private RecordSubset(int from, int size, int[] records, int limit) {
        this.from = from;
        this.size = size;
        this.records = records;
        this.limit = limit;
    }

    /** Every record of a reader with {@code records} records: {@code 0 .. records - 1}, in order. */
    public static RecordSubset all(int records) {
        if (records < 0) {
            throw new IllegalArgumentException("records must be at least 0, not " + records);
        }
        return new RecordSubset(0, records, null, records);
    }

    /** The records {@code from .. to - 1}, in order. */
    public static RecordSubset range(int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("a range needs 0 <= from <= to, not " + from + " .. " + to);
        }
        return new RecordSubset(from, to - from, null, to == from ? 0 : to);
    }

    /**
     * The given records, in the given order (the order of an epoch that does not shuffle). Each must be at least 0
     * and appear once: a subset is a set, and an epoch reads each of its records exactly once.
     */
    public static RecordSubset of(int... records) {
        int[] copy = Objects.requireNonNull(records, "records").clone();
        BitSet seen = new BitSet();
        int limit = 0;
        for (int i = 0; i < copy.length; i++) {
            int record = copy[i];
            if (record < 0) {
                throw new IllegalArgumentException("record numbers must be at least 0; found " + record
                        + " at position " + i);
            }
            if (seen.get(record)) {
                throw new IllegalArgumentException("record " + record + " appears twice in the subset (again at"
                        + " position " + i + "); each record may appear once");
            }
            seen.set(record);
            limit = Math.max(limit, record + 1);
        }
        return new RecordSubset(0, copy.length, copy, limit);
    }

    /** Wraps an array this package built and will not change: distinct, non-negative, {@code limit} known. */
    static RecordSubset wrap(int[] records, int limit) {
        return new RecordSubset(0, records.length, records, limit);
    }

    /** The number of records in the subset. */
    public int size() {
        return size;
    }

    /** Whether the subset holds no record. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The record number at {@code position}, {@code 0 .. size() - 1}. O(1). */
    public int record(int position) {
        Objects.checkIndex(position, size);
        return records == null ? from + position : records[position];
    }

    /**
     * One more than the largest record number (0 when empty): the fewest records a reader must hold for this
     * subset to fit it.
     */
    public int limit() {
        return limit;
    }

    /** The record numbers, in order, as a new array. */
    public int[] toArray() {
        if (records != null) {
            return records.clone();
        }
        int[] array = new int[size];
        for (int i = 0; i < size; i++) {
            array[i] = from + i;
        }
        return array;
    }

    /** Equal when both hold the same record numbers in the same order. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof RecordSubset that) || that.size != size || that.limit != limit) {
            return false;
        }
        if (records == null && that.records == null) {
            return from == that.from || size == 0;
        }
        for (int i = 0; i < size; i++) {
            if (record(i) != that.record(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = size;
        for (int i = 0; i < size; i++) {
            hash = 31 * hash + record(i);
        }
        return hash;
    }

    /** The size and the first few record numbers, e.g. {@code RecordSubset[2000 records: 0, 3, 4, 7, 9, ...]}. */
    @Override
    public String toString() {
        if (records == null) {
            return "RecordSubset[" + size + " records: " + (size == 0 ? "none" : from + " .. " + (from + size - 1))
                    + "]";
        }
        int shown = Math.min(size, 5);
        String head = Arrays.toString(Arrays.copyOf(records, shown));
        return "RecordSubset[" + size + " records: " + head.substring(1, head.length() - 1)
                + (size > shown ? ", ...]" : "]");
    }
}
