package io.dataseq.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips through {@link Hdf5Writer} and {@link Hdf5Rows}, and every error naming what it is about. */
class Hdf5RowsTest {
    @TempDir
    Path dir;

    /** Value {@code i} of {@code record}: says where it came from, exactly, as a float. */
    static float value(int record, int i) {
        return record + i * 1e-3f;
    }

    static float[] rows(int first, int count, int rowLength) {
        float[] values = new float[count * rowLength];
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < rowLength; i++) {
                values[r * rowLength + i] = value(first + r, i);
            }
        }
        return values;
    }

    static Path writeFloats(Path file, String dataset, int records, int... rowShape) {
        try (Hdf5Writer writer = Hdf5Writer.create(file, dataset, Hdf5Writer.Type.FLOAT32, records, rowShape)) {
            int slab = 7; // not a multiple of the chunk, nor of the record count
            for (int first = 0; first < records; first += slab) {
                writer.write(first, rows(first, Math.min(slab, records - first), writer.rowLength()));
            }
        }
        return file;
    }

    @Test
    void readsRowsOfOneDimension() {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 50, 5);
        try (Hdf5Rows rows = Hdf5Rows.open(file, "vectors")) {
            assertEquals(50, rows.records());
            assertArrayEquals(new int[] {5}, rows.rowShape());
            assertEquals(5, rows.rowLength());
            for (int record : new int[] {0, 1, 17, 49}) {
                assertArrayEquals(rows(record, 1, 5), rows.read(record), "record " + record);
            }
        }
    }

    @Test
    void readsRowsOfThreeDimensionsInCOrder() {
        Path file = writeFloats(dir.resolve("cubes.h5"), "/cubes", 20, 2, 3, 4);
        try (Hdf5Rows rows = Hdf5Rows.open(file, "/cubes")) {
            assertEquals(20, rows.records());
            assertArrayEquals(new int[] {2, 3, 4}, rows.rowShape());
            assertEquals(24, rows.rowLength());
            float[] row = new float[30]; // longer than a row: only the first 24 values are written
            rows.read(13, row);
            for (int i = 0; i < 24; i++) {
                assertEquals(value(13, i), row[i], "value " + i);
            }
            assertEquals(0f, row[24]);
        }
    }

    @Test
    void readsScalarRowsOfAOneDimensionalDataset() {
        Path file = writeFloats(dir.resolve("scalars.h5"), "scalars", 10);
        try (Hdf5Rows rows = Hdf5Rows.open(file, "scalars")) {
            assertEquals(10, rows.records());
            assertArrayEquals(new int[0], rows.rowShape());
            assertEquals(1, rows.rowLength());
            assertArrayEquals(new float[] {7f}, rows.read(7));
        }
    }

    @Test
    void readsStraightIntoADirectBufferAtAnOffset() {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 10, 6);
        FloatBuffer batch = ByteBuffer.allocateDirect(4 * 6 * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        try (Hdf5Rows rows = Hdf5Rows.open(file, "vectors")) {
            rows.read(9, batch, 0);
            rows.read(4, batch, 12); // row 2 of the batch; rows 1 and 3 stay untouched
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(value(9, i), batch.get(i));
            assertEquals(0f, batch.get(6 + i));
            assertEquals(value(4, i), batch.get(12 + i));
            assertEquals(0f, batch.get(18 + i));
        }
        assertEquals(0, batch.position(), "the buffer's position is left alone");
    }

    @Test
    void readsIntoHeapAndForeignOrderBuffersByCopy() {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 10, 3);
        FloatBuffer heap = FloatBuffer.allocate(7);
        ByteOrder foreign = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        FloatBuffer swapped = ByteBuffer.allocateDirect(7 * Float.BYTES).order(foreign).asFloatBuffer();
        try (Hdf5Rows rows = Hdf5Rows.open(file, "vectors")) {
            rows.read(2, heap, 4);
            rows.read(5, swapped, 1);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(value(2, i), heap.get(4 + i));
            assertEquals(value(5, i), swapped.get(1 + i));
        }
    }

    @Test
    void convertsIntegerDatasetsToFloat() {
        Path file = dir.resolve("ints.h5");
        int[] values = {0, -3, 255, 16_777_217, Integer.MAX_VALUE, Integer.MIN_VALUE};
        try (Hdf5Writer writer = Hdf5Writer.create(file, "ints", Hdf5Writer.Type.INT32, 3, 2)) {
            writer.write(0, values);
        }
        try (Hdf5Rows rows = Hdf5Rows.open(file, "ints")) {
            for (int record = 0; record < 3; record++) {
                float[] expected = {values[2 * record], values[2 * record + 1]}; // Java's int-to-float rounding
                assertArrayEquals(expected, rows.read(record), "record " + record);
            }
        }
    }

    @Test
    void convertsUnsignedBytesToFloat() {
        Path file = dir.resolve("pixels.h5");
        try (Hdf5Writer writer = Hdf5Writer.create(file, "pixels", Hdf5Writer.Type.UINT8, 2, 2, 2)) {
            writer.write(0, new int[] {0, 1, 128, 255, 7, 8, 9, 10});
        }
        try (Hdf5Rows rows = Hdf5Rows.open(file, "pixels")) {
            assertArrayEquals(new float[] {0, 1, 128, 255}, rows.read(0));
            assertArrayEquals(new float[] {7, 8, 9, 10}, rows.read(1));
        }
    }

    @Test
    void convertsDoubleDatasetsToFloat() {
        Path file = dir.resolve("doubles.h5");
        double[] values = {0.1, 1e-30, -2.5, Math.PI, 1e300, 123456789.123};
        try (Hdf5Writer writer = Hdf5Writer.create(file, "doubles", Hdf5Writer.Type.FLOAT64, 2, 3)) {
            writer.write(0, values);
        }
        try (Hdf5Rows rows = Hdf5Rows.open(file, "doubles")) {
            assertArrayEquals(new float[] {0.1f, 1e-30f, -2.5f}, rows.read(0));
            float[] second = rows.read(1);
            assertEquals((float) Math.PI, second[0]);
            assertTrue(second[1] == Float.POSITIVE_INFINITY || second[1] == Float.MAX_VALUE,
                    "1e300 overflows a float: " + second[1]);
            assertEquals(123456789.123f, second[2]);
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.h5");
        Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> Hdf5Rows.open(missing, "vectors"));
        assertEquals("HDF5 file " + missing + " does not exist", e.getMessage());
    }

    @Test
    void aFileThatIsNotHdf5IsNamedWithWhatHdf5Said() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.h5"), "not HDF5 at all");
        Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> Hdf5Rows.open(text, "vectors"));
        assertTrue(e.getMessage().startsWith("could not open " + text + " as an HDF5 file: HDF5 says "),
                e.getMessage());
    }

    @Test
    void aWrongDatasetNameIsNamedWithItsFile() {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 5, 2);
        Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> Hdf5Rows.open(file, "vector"));
        assertEquals("HDF5 file " + file + " has no dataset 'vector'", e.getMessage());
        Hdf5Exception nested = assertThrows(Hdf5Exception.class, () -> Hdf5Rows.open(file, "/train/vectors"));
        assertEquals("HDF5 file " + file + " has no dataset '/train/vectors'", nested.getMessage());
        try (Hdf5Rows rows = Hdf5Rows.open(file, "vectors")) {
            assertEquals(5, rows.records(), "the failed opens left the file usable");
        }
    }

    @Test
    void aRecordOutOfRangeIsNamedWithItsDatasetAndFile() {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 5, 2);
        try (Hdf5Rows rows = Hdf5Rows.open(file, "vectors")) {
            IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class, () -> rows.read(5));
            assertEquals("record 5 is outside 0..4 of dataset 'vectors' in " + file, past.getMessage());
            IndexOutOfBoundsException negative = assertThrows(IndexOutOfBoundsException.class,
                    () -> rows.read(-1, FloatBuffer.allocate(2), 0));
            assertEquals("record -1 is outside 0..4 of dataset 'vectors' in " + file, negative.getMessage());
            assertArrayEquals(rows(4, 1, 2), rows.read(4), "still readable after the failures");
        }
    }

    @Test
    void aTargetTooSmallIsRefusedBeforeHdf5WritesAnything() {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 5, 4);
        FloatBuffer direct = ByteBuffer.allocateDirect(6 * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        try (Hdf5Rows rows = Hdf5Rows.open(file, "vectors")) {
            assertThrows(IndexOutOfBoundsException.class, () -> rows.read(0, direct, 3));
            direct.limit(3);
            assertThrows(IndexOutOfBoundsException.class, () -> rows.read(0, direct, 0));
            IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
                    () -> rows.read(0, new float[3]));
            assertTrue(array.getMessage().contains("dataset 'vectors' in " + file), array.getMessage());
        }
    }

    /** A direct method's row must be exactly a dataset row: shorter rows would leave an earlier batch's values. */
    @Test
    void aWholeRowOfAnotherLengthThanTheDatasetsFailsNamingRecordDatasetAndFile() {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 5, 2, 3);
        FloatBuffer longer = ByteBuffer.allocateDirect(8 * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        try (Hdf5Rows rows = Hdf5Rows.open(file, "vectors")) {
            Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> rows.read(3, longer));
            assertEquals("record 3 of dataset 'vectors' in " + file + " has 6 values (rows of [2, 3]), but the row to"
                    + " fill holds 8 (the shape the reader declares): the rest would keep an earlier batch's values;"
                    + " declare the dataset's row shape", e.getMessage());
            Hdf5Exception shorter = assertThrows(Hdf5Exception.class, () -> rows.read(3, FloatBuffer.allocate(4)));
            assertTrue(shorter.getMessage().contains("holds 4 (the shape the reader declares): they do not fit"),
                    shorter.getMessage());
            longer.limit(6);
            rows.read(3, longer);
            for (int i = 0; i < 6; i++) {
                assertEquals(value(3, i), longer.get(i));
            }
        }
    }

    /**
     * A bit flipped in a row's stored bytes fails the read of that row, naming the record, the dataset and the file,
     * rather than being read as data: the writer stores a Fletcher-32 checksum with every chunk.
     */
    @Test
    void aFlippedBitInTheFileFailsItsRecordInsteadOfBeingReadAsData() throws IOException {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 20, 1024); // 4 rows a chunk
        byte[] bytes = Files.readAllBytes(file);
        int at = onlyIndexOf(bytes, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value(13, 500))
                .array());
        bytes[at] ^= 0x10; // a low bit of the mantissa: still a plausible value
        Files.write(file, bytes);
        try (Hdf5Rows rows = Hdf5Rows.open(file, "vectors")) {
            Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> rows.read(13));
            assertTrue(e.getMessage().startsWith("could not read record 13 of dataset 'vectors' in " + file
                    + ": its data is corrupt (the chunk's Fletcher-32 checksum does not match its bytes"),
                    e.getMessage());
            assertArrayEquals(rows(0, 1, 1024), rows.read(0), "another chunk still reads");
        }
    }

    private static int onlyIndexOf(byte[] bytes, byte[] pattern) {
        int found = -1;
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            assertEquals(-1, found, "the pattern occurs once");
            found = i;
        }
        assertTrue(found >= 0, "the pattern occurs");
        return found;
    }

    @Test
    void closingTwiceIsFineAndReadingAfterCloseNamesTheFile() {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 5, 2);
        Hdf5Rows rows = Hdf5Rows.open(file, "vectors");
        rows.read(1);
        rows.close();
        rows.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rows.read(1));
        assertEquals("Hdf5Rows of dataset 'vectors' in " + file + " is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> rows.read(1, FloatBuffer.allocate(2), 0));
        assertEquals(5, rows.records(), "the shape stays known after close");
    }

    @Test
    void twoHandlesOnOneFileCloseIndependently() {
        Path file = writeFloats(dir.resolve("vectors.h5"), "vectors", 5, 2);
        try (Hdf5Rows first = Hdf5Rows.open(file, "vectors")) {
            Hdf5Rows second = Hdf5Rows.open(file, "vectors");
            second.close();
            assertArrayEquals(rows(3, 1, 2), first.read(3));
        }
    }

    @Test
    void theWriterRefusesPartialRowsAndRowsOutOfRange() {
        Path file = dir.resolve("vectors.h5");
        try (Hdf5Writer writer = Hdf5Writer.create(file, "vectors", Hdf5Writer.Type.FLOAT32, 4, 3)) {
            IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
                    () -> writer.write(0, new float[4]));
            assertTrue(partial.getMessage().contains("whole rows of 3"), partial.getMessage());
            IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class,
                    () -> writer.write(3, new float[6]));
            assertEquals("rows 3..4 are outside 0..3 of dataset 'vectors' in " + file, past.getMessage());
            writer.write(3, rows(3, 1, 3));
        }
        try (Hdf5Rows rows = Hdf5Rows.open(file, "vectors")) {
            assertArrayEquals(new float[3], rows.read(0), "a row never written reads as 0");
            assertArrayEquals(rows(3, 1, 3), rows.read(3));
        }
    }

    @Test
    void theWriterNamesAFileItCannotCreate() {
        Path file = dir.resolve("no-such-directory").resolve("vectors.h5");
        Hdf5Exception e = assertThrows(Hdf5Exception.class,
                () -> Hdf5Writer.create(file, "vectors", Hdf5Writer.Type.FLOAT32, 4, 3));
        assertTrue(e.getMessage().startsWith("could not create HDF5 file " + file + ": HDF5 says "), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void theWriterChunksByRecordsOfAtLeast16KiB() {
        try (Hdf5Writer small = Hdf5Writer.create(dir.resolve("a.h5"), "a", Hdf5Writer.Type.FLOAT32, 10_000, 8);
                Hdf5Writer large = Hdf5Writer.create(dir.resolve("b.h5"), "b", Hdf5Writer.Type.FLOAT32, 10, 5000);
                Hdf5Writer few = Hdf5Writer.create(dir.resolve("c.h5"), "c", Hdf5Writer.Type.UINT8, 3, 8)) {
            assertEquals(512, small.chunkRows()); // 512 x 8 x 4 bytes = 16 KiB
            assertEquals(1, large.chunkRows());
            assertEquals(3, few.chunkRows(), "no larger than the dataset");
        }
    }
}
