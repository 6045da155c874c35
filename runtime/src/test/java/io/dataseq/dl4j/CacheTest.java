package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * {@code cache(directory)} as a user meets it: the first epoch reads the reader once per record, the next epochs and
 * the next sequences read nothing from it; several inputs and outputs (a class, floats, a decoded mask) come back
 * bit for bit; two sequences writing one directory at once both deliver the reader's batches and leave one store.
 */
// A guard against a hang, not a timing assertion.
@Timeout(120)
class CacheTest {
    private static final int RECORDS = 100;

    @TempDir
    Path directory;

    @Test
    void theFirstEpochReadsTheReaderOnceAndTheOthersNotAtAll() {
        Rows reader = new Rows(RECORDS);
        try (RowsSequence sequence = RowsSequence.builder(reader).shuffle(true).seed(5).workers(2)
                .cache(directory).build()) {
            for (int epoch = 0; epoch < 3; epoch++) {
                assertEquals(RECORDS, Batches.restOfEpoch(sequence).stream().mapToInt(b -> b.labels().length / 3)
                        .sum());
                sequence.reset();
            }
        }
        for (int record = 0; record < RECORDS; record++) {
            assertEquals(1, reader.reads(0, record), "epoch 0 reads record " + record + " once");
            assertEquals(0, reader.reads(1, record) + reader.reads(2, record), "later epochs read the store");
        }
        Rows later = new Rows(RECORDS);
        try (RowsSequence sequence = RowsSequence.builder(later).shuffle(true).seed(5).cache(directory).build()) {
            Batches.restOfEpoch(sequence);
        }
        for (int record = 0; record < RECORDS; record++) {
            assertEquals(0, later.reads(0, record), "a later sequence reads the store");
        }
    }

    @Test
    void severalInputsAndOutputsComeBackBitForBit() {
        List<List<float[]>> expected = pairs(null);
        assertEquals(expected.size(), pairs(directory).size());
        List<List<float[]>> fromStore = pairs(directory); // epoch 0 too is read from the store now
        for (int batch = 0; batch < expected.size(); batch++) {
            for (int array = 0; array < expected.get(batch).size(); array++) {
                assertArrayEquals(expected.get(batch).get(array), fromStore.get(batch).get(array),
                        "batch " + batch + ", array " + array);
            }
        }
    }

    @Test
    void twoSequencesWritingOneDirectoryAtOnceBothDeliverTheReadersBatches() throws Exception {
        List<List<Batches>> expected = rows(null, null);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<List<Batches>>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(threads.submit(() -> rows(directory, start)));
            }
            for (Future<List<List<Batches>>> run : runs) {
                List<List<Batches>> epochs = run.get();
                for (int epoch = 0; epoch < expected.size(); epoch++) {
                    Batches.assertSameBits(expected.get(epoch), epochs.get(epoch), "epoch " + epoch);
                }
            }
        } finally {
            threads.shutdown();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            assertEquals(List.of(".lock", "store"), entries.map(path -> path.getFileName().toString()).sorted()
                    .collect(Collectors.toList()));
        }
    }

    private static List<List<Batches>> rows(Path cache, CyclicBarrier start) throws Exception {
        RowsSequence.Builder builder = RowsSequence.builder(new Rows(RECORDS)).shuffle(true).seed(9).workers(2);
        if (cache != null) {
            builder.cache(cache);
        }
        List<List<Batches>> epochs = new ArrayList<>();
        try (RowsSequence sequence = builder.build()) {
            if (start != null) {
                start.await();
            }
            for (int epoch = 0; epoch < 3; epoch++) {
                epochs.add(Batches.restOfEpoch(sequence));
                sequence.reset();
            }
        }
        return epochs;
    }

    /** Two epochs of {@link Pairs}: each batch's arrays (2 inputs, 4 outputs) as float values. */
    private static List<List<float[]>> pairs(Path cache) {
        PairsSequence.Builder builder = PairsSequence.builder(new Pairs(37, false, record -> false)).batchSize(5)
                .shuffle(true).seed(3).workers(2);
        if (cache != null) {
            builder.cache(cache);
        }
        List<List<float[]>> batches = new ArrayList<>();
        try (PairsSequence sequence = builder.build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                while (sequence.hasNext()) {
                    MultiDataSet batch = sequence.next();
                    List<float[]> arrays = new ArrayList<>();
                    for (INDArray array : batch.getFeatures()) {
                        arrays.add(array.dup().data().asFloat());
                    }
                    for (INDArray array : batch.getLabels()) {
                        arrays.add(array.dup().data().asFloat());
                    }
                    batches.add(arrays);
                }
                sequence.reset();
            }
        }
        return batches;
    }
}
