package io.dataseq.dl4j;

import io.dataseq.internal.ReaderSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataseq.internal.ReaderBinding;
import io.dataseq.files.ClassFolders;
import io.dataseq.files.LabelledFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.dataset.DataSet;

/** Class names known only at run time reach {@code getLabels()} through the builder's {@code classNames}. */
// A guard against a hang, not a timing assertion.
@Timeout(60)
class ClassNamesTest {

    @Test
    void theBuildersClassNamesAreWhatGetLabelsReturns() {
        try (RowsSequence sequence = RowsSequence.builder(new Rows(10)).classNames(List.of("red", "green", "blue"))
                .workers(1).build()) {
            assertEquals(List.of("red", "green", "blue"), sequence.getLabels());
        }
        try (RowsSequence sequence = RowsSequence.builder(new Rows(10)).workers(1).build()) {
            assertEquals(List.of("0", "1", "2"), sequence.getLabels(), "without them, the label's own");
        }
    }

    @Test
    void theClassNamesMustMatchTheLabelsClasses() {
        RowsSequence.Builder builder = RowsSequence.builder(new Rows(10));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> builder.classNames(List.of("red", "green")));
        assertEquals("2 class names [red, green] for a label of 3 classes: give exactly 3, in index order",
                count.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> builder.classNames(List.of("red", "green", "red")));
        assertEquals("class name \"red\" appears twice in [red, green, red]", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.classNames(Arrays.asList("red", null, "blue")));
    }

    @Test
    void classNamesNeedAClassIndexLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProbeSequence.builder(new Probe(4)).classNames(List.of("a", "b")));
        assertEquals("classNames needs a class-index label (an int @Label with classes); this reader's first label is"
                + " not one", e.getMessage());
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(4)).workers(1).build()) {
            assertNull(sequence.getLabels());
        }
    }

    /**
     * A reader as short as the building blocks make it: the class of each bundled MNIST JPEG from its folder, and
     * as features the first bytes of the file (enough to show the wiring; decoding images is not this test's job).
     */
    static final class FolderBytes {
        static final int BYTES = 16;
        private final LabelledFiles files;

        FolderBytes(LabelledFiles files) {
            this.files = files;
        }

        int size() {
            return files.size();
        }

        float[] head(int record) throws IOException {
            float[] values = new float[BYTES];
            try (InputStream in = Files.newInputStream(files.file(record))) {
                byte[] head = in.readNBytes(BYTES);
                for (int i = 0; i < head.length; i++) {
                    values[i] = (head[i] & 0xFF) / 255f;
                }
            }
            return values;
        }

        int digit(int record) {
            return files.classOf(record);
        }
    }

    /** What the processor would generate for {@link FolderBytes} with {@code @Label(classes = 10)}. */
    static final class FolderBytesSequence extends DataSetSequence {
        private static final long serialVersionUID = 1L;

        private static final ReaderBinding<FolderBytes> BINDING = ReaderBinding.<FolderBytes>builder()
                .size(FolderBytes::size)
                .describe((reader, record) -> reader.files.file(record))
                .floatFeatures("head", new int[] {FolderBytes.BYTES}, (reader, record, context) -> reader.head(record))
                .classLabel("digit", 10, List.of(), (reader, record, context) -> reader.digit(record))
                .build();

        private FolderBytesSequence(Builder builder) {
            super(builder);
        }

        static Builder builder(FolderBytes reader) {
            return new Builder(reader);
        }

        static final class Builder extends SequenceBuilder<FolderBytesSequence, Builder> {
            private Builder(FolderBytes reader) {
                super(BINDING.over(ReaderSource.shared(reader)));
                batchSize(100);
            }

            @Override
            protected Builder self() {
                return this;
            }

            @Override
            public FolderBytesSequence build() {
                return new FolderBytesSequence(this);
            }
        }
    }

    @Test
    void aFolderReadersClassNamesReachGetLabels() throws IOException {
        ClassFolders folders = ClassFolders.under(Path.of("..", "examples", "data", "mnist-jpg"), "jpg");
        FolderBytes reader = new FolderBytes(folders);
        try (FolderBytesSequence sequence = FolderBytesSequence.builder(reader).classNames(folders.classNames())
                .workers(2).build()) {
            assertEquals(folders.classNames(), sequence.getLabels());
            DataSet first = sequence.next();
            assertEquals(0, first.getLabels().argMax(1).getInt(0), "the first records are the 0 folder's");
            assertEquals(0xFF / 255f, first.getFeatures().getFloat(0, 0), 1e-6, "a JPEG starts with FF D8");
        }
    }

    @Test
    void aFolderCountThatDisagreesWithTheLabelsClassesIsCaught() throws IOException {
        ClassFolders eleven = ClassFolders.under(Path.of("..", "examples", "data", "mnist-jpg"),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), "jpg");
        FolderBytesSequence.Builder builder = FolderBytesSequence.builder(new FolderBytes(eleven));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.classNames(eleven.classNames()));
        assertEquals("11 class names [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] for a label of 10 classes: give exactly 10,"
                + " in index order", e.getMessage());
    }
}
