package io.dataseq.dl4j;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.DataSeqException;
import io.dataseq.RecordException;
import io.dataseq.RecordMetaData;
import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.image.ImageSource;
import io.dataseq.image.ImageSpec;
import io.dataseq.internal.ReaderBinding;
import io.dataseq.internal.ReaderSource;
import io.dataseq.internal.core.PlanSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Images in a record store: kept as their 8-bit pixels (a quarter of float32), augmented anew each epoch from the
 * kept pixels with the record's (seed, epoch, record) draws, and scaled as the reader declares. The epoch that
 * writes the store and every epoch that reads it deliver the same batches, for any worker count; without a crop the
 * batches are the uncached sequence's, bit for bit.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class StoredImagesTest {
    private static final int RECORDS = 41;
    private static final int SIZE = 16;
    private static final ImageSpec AUGMENTED = ImageSpec.builder(SIZE, SIZE).mean(0.5).std(0.25)
            .flipHorizontal(0.5).rotateDegrees(15).brightness(0.1).contrast(0.2).build();
    private static final ImageSpec CROPPED = ImageSpec.builder(SIZE, SIZE).cropScale(0.6).flipHorizontal(0.5).build();

    @TempDir
    Path directory;

    @Test
    void withoutACropTheStoredImagesGiveTheReadersBatchesBitForBitEveryEpoch() throws IOException {
        List<List<float[]>> uncached = epochs(builder(new Textures(RECORDS), AUGMENTED).workers(2), 3);
        Textures reader = new Textures(RECORDS);
        List<List<float[]>> writing = epochs(builder(reader, AUGMENTED).workers(2).cache(directory), 3);
        List<List<float[]>> reading = epochs(builder(new Textures(RECORDS), AUGMENTED).workers(3)
                .cache(directory), 3);
        assertSame(uncached, writing, "the epochs that write the store and then read it");
        assertSame(uncached, reading, "a later sequence reading the store");
        assertFalse(java.util.Arrays.equals(uncached.get(0).get(0), uncached.get(1).get(0)),
                "each epoch is augmented anew");
        for (int record = 0; record < RECORDS; record++) {
            assertEquals(1, reader.reads.get(record), "record " + record + " is decoded once, by the writing epoch");
        }
        String manifest = Files.readString(directory.resolve("store/manifest"));
        assertTrue(manifest.contains("record-bytes " + (3 * SIZE * SIZE + 4) + "\n"), manifest);
        assertTrue(manifest.contains(" uint8-image 3," + SIZE + "," + SIZE + " photo\n"), manifest);
        assertTrue(manifest.contains("image features 0 channels=RGB interpolation=AREA mean=0.5,0.5,0.5"), manifest);
    }

    @Test
    void aCropIsTakenFromTheStoredImageTheSameWayWhenWritingAndReadingForAnyWorkerCount() throws IOException {
        List<List<float[]>> writing = epochs(builder(new Textures(RECORDS), CROPPED).workers(1).cache(directory), 3);
        List<List<float[]>> reading = epochs(builder(new Textures(RECORDS), CROPPED).workers(3)
                .cache(directory), 3);
        List<List<float[]>> inline = epochs(builder(new Textures(RECORDS), CROPPED).workers(0)
                .cache(directory), 3);
        assertSame(writing, reading, "written with 1 worker, read with 3");
        assertSame(writing, inline, "read on the caller's thread");
    }

    @Test
    void validationReadsTheSameStoreUnaugmented() throws IOException {
        epochs(builder(new Textures(RECORDS), AUGMENTED).cache(directory), 1); // writes it, augmented
        List<List<float[]>> plain = epochs(builder(new Textures(RECORDS), AUGMENTED).validation(), 1);
        Textures unread = new Textures(RECORDS);
        List<List<float[]>> stored = epochs(builder(unread, AUGMENTED).validation().cache(directory), 1);
        assertSame(plain, stored, "training(false) over the store");
        assertEquals(0, unread.reads.get(0), "the store written by a training sequence serves validation");
    }

    @Test
    void writeStoreThenFromStoreReadsTheRecordsWithoutTheReader() throws IOException {
        Textures reader = new Textures(RECORDS);
        assertEquals(List.of(), builder(reader, AUGMENTED).workers(2).writeStore(directory));
        for (int record = 0; record < RECORDS; record++) {
            assertEquals(1, reader.reads.get(record), "record " + record + " is read once");
        }
        List<List<float[]>> expected = epochs(builder(new Textures(RECORDS), AUGMENTED), 2);
        List<List<float[]>> fromStore = epochs(fromStore(directory, AUGMENTED), 2);
        assertSame(expected, fromStore, "fromStore");
        assertEquals(List.of(), builder(new Textures(RECORDS), AUGMENTED).writeStore(directory),
                "a store already there is kept");
    }

    @Test
    void writeStoreUnderSkipLeavesOutAndReturnsTheRecordsItCouldNotRead() {
        Textures reader = new Textures(RECORDS, 5, 17);
        List<SkippedRecord> skipped = builder(reader, AUGMENTED).onError(ErrorPolicy.SKIP).workers(2)
                .writeStore(directory);
        assertEquals(List.of(5, 17), skipped.stream().map(SkippedRecord::record).collect(Collectors.toList()));
        assertTrue(skipped.get(0).cause().getMessage().contains("record 5 is broken"), skipped.toString());
        List<Integer> delivered = new ArrayList<>();
        try (TexturesSequence sequence = fromStore(directory, AUGMENTED).onError(ErrorPolicy.SKIP).shuffle(false)
                .exampleMetaData(true).build()) {
            while (sequence.hasNext()) {
                sequence.next().getExampleMetaData(RecordMetaData.class)
                        .forEach(row -> delivered.add((int) row.record()));
            }
            assertEquals(List.of(5, 17), sequence.skipped().stream().map(SkippedRecord::record)
                    .collect(Collectors.toList()), "delivered + skipped = visited");
        }
        assertEquals(RECORDS - 2, delivered.size());
        assertFalse(delivered.contains(5) || delivered.contains(17));
    }

    @Test
    void writeStoreUnderFailThrowsAndPublishesNothing() throws IOException {
        RecordException e = org.junit.jupiter.api.Assertions.assertThrows(RecordException.class,
                () -> builder(new Textures(RECORDS, 7), AUGMENTED).writeStore(directory));
        assertTrue(e.getMessage().contains("record 7"), e.getMessage());
        assertFalse(Files.exists(directory.resolve("store")), "nothing published");
        DataSeqException none = org.junit.jupiter.api.Assertions.assertThrows(DataSeqException.class,
                () -> fromStore(directory, AUGMENTED));
        assertTrue(none.getMessage().contains("there is no whole store in " + directory), none.getMessage());
    }

    @Test
    void fromStoreRefusesAStoreWrittenFromOtherOutputs() {
        builder(new Textures(RECORDS), AUGMENTED).writeStore(directory);
        ImageSpec gray = ImageSpec.builder(SIZE, SIZE).channels(io.dataseq.annotation.Image.Channels.GRAY).build();
        DataSeqException e = org.junit.jupiter.api.Assertions.assertThrows(DataSeqException.class,
                () -> fromStore(directory, gray));
        assertTrue(e.getMessage().contains("was written from other outputs"), e.getMessage());
    }

    static TexturesSequence.Builder fromStore(Path directory, ImageSpec spec) {
        return new TexturesSequence.Builder(TexturesSequence.binding(spec).overStore(directory)).batchSize(6)
                .shuffle(true).seed(11);
    }

    private static void assertSame(List<List<float[]>> expected, List<List<float[]>> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int epoch = 0; epoch < expected.size(); epoch++) {
            assertEquals(expected.get(epoch).size(), actual.get(epoch).size(), what + ", epoch " + epoch);
            for (int batch = 0; batch < expected.get(epoch).size(); batch++) {
                assertArrayEquals(expected.get(epoch).get(batch), actual.get(epoch).get(batch),
                        what + ": epoch " + epoch + ", batch " + batch);
            }
        }
    }

    /** Each batch's features, then its labels, as floats, for {@code count} epochs. */
    static List<List<float[]>> epochs(TexturesSequence.Builder builder, int count) {
        List<List<float[]>> epochs = new ArrayList<>();
        try (TexturesSequence sequence = builder.build()) {
            for (int epoch = 0; epoch < count; epoch++) {
                List<float[]> batches = new ArrayList<>();
                while (sequence.hasNext()) {
                    DataSet batch = sequence.next();
                    float[] features = batch.getFeatures().dup().data().asFloat();
                    float[] labels = batch.getLabels().dup().data().asFloat();
                    float[] both = java.util.Arrays.copyOf(features, features.length + labels.length);
                    System.arraycopy(labels, 0, both, features.length, labels.length);
                    batches.add(both);
                }
                epochs.add(batches);
                sequence.reset();
            }
        }
        return epochs;
    }

    static TexturesSequence.Builder builder(Textures reader, ImageSpec spec) {
        return new TexturesSequence.Builder(reader, spec).batchSize(6).shuffle(true).seed(11);
    }

    /** Random 24 x 20 colour textures as PNG bytes (decoded to 16 x 16), and a class per record; counts reads. */
    static final class Textures {
        final int records;
        final AtomicIntegerArray reads;
        final Set<Integer> broken;

        Textures(int records, Integer... broken) {
            this.records = records;
            this.reads = new AtomicIntegerArray(records);
            this.broken = Set.of(broken);
        }

        byte[] png(int record) throws IOException {
            reads.incrementAndGet(record);
            if (broken.contains(record)) {
                throw new IOException("record " + record + " is broken");
            }
            byte[] pixels = new byte[24 * 20 * 3];
            new java.util.Random(record).nextBytes(pixels);
            try (BytePointer data = new BytePointer(pixels); Mat image = new Mat(24, 20, CV_8UC3, data);
                    BytePointer encoded = new BytePointer()) {
                imencode(".png", image, encoded);
                byte[] bytes = new byte[(int) encoded.limit()];
                encoded.get(bytes);
                return bytes;
            }
        }
    }

    /** What the processor would generate for a reader of {@link Textures}' images and classes. */
    static final class TexturesSequence extends DataSetSequence {
        private static final long serialVersionUID = 1L;

        private TexturesSequence(Builder builder) {
            super(builder);
        }

        static ReaderBinding<Textures> binding(ImageSpec spec) {
            return ReaderBinding.<Textures>builder()
                    .size(reader -> reader.records)
                    .imageFeatures("photo", spec, (reader, record, context) -> ImageSource.of(reader.png(record)))
                    .classLabel("kind", 3, List.of(), (reader, record, context) -> record % 3)
                    .build();
        }

        static final class Builder extends SequenceBuilder<TexturesSequence, Builder> {
            Builder(Textures reader, ImageSpec spec) {
                this(binding(spec).over(ReaderSource.shared(reader)));
            }

            Builder(PlanSource source) {
                super(source);
            }

            @Override
            protected Builder self() {
                return this;
            }

            @Override
            public TexturesSequence build() {
                return new TexturesSequence(this);
            }
        }
    }
}
