package io.dataseq.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.dl4j.PrefetchingIterator;
import io.dataseq.RecordException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** A recording kept on disk ({@code spillTo}): the same batches as on the heap, its files, its failures. */
@Timeout(120)
class SpilledRecordingTest {
    @TempDir
    Path directory;

    @Test
    void aSpilledRecordingGivesTheSameBatchesAsOneOnTheHeapForThreeEpochsAndAnyWorkerCount() throws IOException {
        for (int workers : new int[] {0, 1, 4}) {
            List<String> onHeap;
            try (NumbersSequence sequence = builder(workers).build()) {
                onHeap = epochs(sequence, 3);
            }
            List<String> onDisk;
            try (NumbersSequence sequence = builder(workers).spillTo(directory, Text.NUMBERS).build()) {
                assertEquals(2, files().size(), "a data file and an index file");
                onDisk = epochs(sequence, 3);
                assertTrue((sequence.batchesPerEpoch() != PrefetchingIterator.UNKNOWN));
                assertEquals(103, sequence.records());
            }
            assertEquals(onHeap, onDisk, "workers " + workers);
            assertEquals(List.of(), files(), "close() deletes the files");
        }
    }

    @Test
    void aDescriptorTheCodecCannotWriteEndsTheEpochAsASourceExceptionNamingPositionAndFile() throws IOException {
        try (NumbersSequence sequence = builder(3).spillTo(directory, new Text(n -> n == 37, n -> false)).build()) {
            for (int b = 0; b < 4; b++) {
                sequence.next(); // positions 0 .. 31
            }
            SourceException e = assertThrows(SourceException.class, sequence::next);
            assertEquals(37, e.position());
            assertTrue(e.getMessage().contains(dataFile().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("cannot encode 37"), e.getMessage());
            sequence.reset();
            assertFalse((sequence.batchesPerEpoch() != PrefetchingIterator.UNKNOWN), "an epoch that failed records nothing");
        }
    }

    @Test
    void aDescriptorTheCodecCannotReadIsThatRecordsFailureNamingPositionAndFile() throws IOException {
        try (NumbersSequence sequence = builder(2).spillTo(directory, new Text(n -> false, n -> n == 37)).build()) {
            for (int b = 0; b < 4; b++) {
                sequence.next();
            }
            RecordException e = assertThrows(RecordException.class, sequence::next);
            assertEquals(37, e.record());
            String cause = e.getCause().getMessage();
            assertTrue(cause.contains("position 37 from " + dataFile()), cause);
            assertTrue(cause.contains("cannot decode 37"), cause);
        }
    }

    @Test
    void aFileCutShortAfterRecordingFailsTheRecordsReadFromItNamingPositionAndFile() throws IOException {
        try (NumbersSequence sequence = builder(2).shuffle(false).spillTo(directory, Text.NUMBERS).build()) {
            epochs(sequence, 1);
            Path data = dataFile();
            try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
                channel.truncate(15); // descriptors 0 and 1 take bytes 0 .. 12, descriptor 2 bytes 13 .. 21
            }
            RecordException e = assertThrows(RecordException.class, sequence::next);
            assertEquals(2, e.record());
            String cause = e.getCause().getMessage();
            assertTrue(cause.contains("position 2 from " + data), cause);
            assertTrue(cause.contains("ends at byte 15"), cause);
        }
    }

    @Test
    void spillingIsForRecordingsNotForStreamedEpochs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder(1).stepsPerEpoch(3).spillTo(directory, Text.NUMBERS).build());
        assertTrue(e.getMessage().contains("stepsPerEpoch"), e.getMessage());
    }

    private static NumbersSequence.Builder builder(int workers) {
        return NumbersSequence.builder(new Numbers(true, n -> false, 0), new Numbers.Source(103, i -> i * 7919, -1, 0))
                .batchSize(8).shuffle(true).seed(11).workers(workers).prefetch(3);
    }

    /** Every batch's features and labels, as their exact bits, for {@code count} epochs. */
    private static List<String> epochs(NumbersSequence sequence, int count) {
        List<String> batches = new ArrayList<>();
        for (int epoch = 0; epoch < count; epoch++) {
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                batches.add(epoch + ": " + bits(batch.getFeatures().dup().data().asFloat()) + " / "
                        + bits(batch.getLabels().dup().data().asFloat()));
            }
            sequence.reset();
        }
        return batches;
    }

    private static String bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return Arrays.toString(bits);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    private Path dataFile() throws IOException {
        return files().stream().filter(f -> f.getFileName().toString().startsWith("dataseq-descriptors-"))
                .findFirst().orElseThrow();
    }

    /** Numbers as decimal text (so descriptors differ in length), failing for chosen numbers. */
    private record Text(LongPredicate failWrite, LongPredicate failRead) implements DescriptorCodec<Long> {
        static final Text NUMBERS = new Text(n -> false, n -> false);

        @Override
        public void write(Long number, DataOutput out) throws IOException {
            if (failWrite.test(number / 7919)) {
                throw new IOException("cannot encode " + number / 7919);
            }
            DescriptorCodec.utf8().write(Long.toString(number), out);
        }

        @Override
        public Long read(DataInput in) throws IOException {
            long number = Long.parseLong(DescriptorCodec.utf8().read(in));
            if (failRead.test(number / 7919)) {
                throw new UncheckedIOException(new IOException("cannot decode " + number / 7919));
            }
            return number;
        }
    }
}
