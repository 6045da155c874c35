package io.dataseq.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecordSubsetTest {

    @Test
    void allIsEveryRecordInOrderForAnySizeAtNoCost() {
        RecordSubset all = RecordSubset.all(Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, all.size());
        assertEquals(123_456_789, all.record(123_456_789));
        assertEquals(Integer.MAX_VALUE, all.limit());
        assertArrayEquals(new int[] {0, 1, 2}, RecordSubset.all(3).toArray());
        assertTrue(RecordSubset.all(0).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> RecordSubset.all(-1));
    }

    @Test
    void aRangeIsItsRecordsInOrder() {
        RecordSubset range = RecordSubset.range(5, 9);
        assertArrayEquals(new int[] {5, 6, 7, 8}, range.toArray());
        assertEquals(9, range.limit());
        assertEquals(0, RecordSubset.range(4, 4).limit());
        assertThrows(IllegalArgumentException.class, () -> RecordSubset.range(3, 2));
        assertThrows(IllegalArgumentException.class, () -> RecordSubset.range(-1, 2));
    }

    @Test
    void anExplicitSubsetKeepsItsOrderAndIsCopied() {
        int[] records = {9, 3, 7};
        RecordSubset subset = RecordSubset.of(records);
        records[0] = 1;
        assertArrayEquals(new int[] {9, 3, 7}, subset.toArray());
        assertEquals(3, subset.record(1));
        assertEquals(10, subset.limit());
        subset.toArray()[0] = 0;
        assertEquals(9, subset.record(0), "toArray returns a copy");
    }

    @Test
    void anExplicitSubsetRefusesNegativeAndRepeatedRecords() {
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> RecordSubset.of(4, 2, 4));
        assertEquals("record 4 appears twice in the subset (again at position 2); each record may appear once",
                repeated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordSubset.of(0, -3));
    }

    @Test
    void positionsOutsideTheSubsetAreRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> RecordSubset.of(1, 2).record(2));
        assertThrows(IndexOutOfBoundsException.class, () -> RecordSubset.all(2).record(-1));
    }

    @Test
    void subsetsWithTheSameRecordsInTheSameOrderAreEqual() {
        assertEquals(RecordSubset.range(2, 5), RecordSubset.of(2, 3, 4));
        assertEquals(RecordSubset.of(2, 3, 4).hashCode(), RecordSubset.range(2, 5).hashCode());
        assertEquals(RecordSubset.all(3), RecordSubset.range(0, 3));
        assertEquals(RecordSubset.all(0), RecordSubset.of());
        assertNotEquals(RecordSubset.of(3, 2), RecordSubset.of(2, 3));
        assertEquals("RecordSubset[6 records: 9, 3, 7, 1, 0, ...]", RecordSubset.of(9, 3, 7, 1, 0, 2).toString());
        assertEquals("RecordSubset[3 records: 2 .. 4]", RecordSubset.range(2, 5).toString());
    }
}
