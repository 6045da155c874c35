package io.dataseq.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dataseq.RecordMetaData;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.index.ShardRemainder;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training from a store written by Spark: one process reads it with {@code fromStore}, or N processes each read their
 * own shard ({@code shard(rank, world)}). One rank and two ranks each cover every record exactly once in an epoch,
 * and every record holds what the reader gives it (an image without augmentation reads from the store bit for bit
 * as decoded).
 */
// A guard against a hang, not a timing assertion.
@Timeout(300)
class ReadBackTest {
    static SparkContext spark;

    @TempDir
    static Path directory;

    @BeforeAll
    static void writeTheStore() {
        spark = new SparkContext(Spark.localConf("local[2]"));
        SparkStoreWriter.of(spark, SparkStoreWriterTest.digits(SparkStoreWriterTest.RECORDS, ErrorPolicy.FAIL,
                SparkDigits.Hook.NONE)).recordsPerChunk(32).write(directory.toString());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void oneRankAndTwoRanksEachReadEveryRecordOnceWithTheReadersValues() {
        Map<Long, float[]> fromReader = epoch(SparkDigitsSequence.perWorker(() -> new SparkDigits(SparkDigits.MNIST,
                SparkStoreWriterTest.RECORDS, SparkDigits.Hook.NONE)), 0, 1);
        assertEquals(SparkStoreWriterTest.RECORDS, fromReader.size());

        for (int world = 1; world <= 2; world++) {
            Map<Long, float[]> seen = new TreeMap<>();
            for (int rank = 0; rank < world; rank++) {
                Map<Long, float[]> shard = epoch(SparkDigitsSequence.fromStore(directory), rank, world);
                assertEquals(SparkStoreWriterTest.RECORDS / world, shard.size(), "rank " + rank + " of " + world);
                for (Map.Entry<Long, float[]> row : shard.entrySet()) {
                    assertNull(seen.put(row.getKey(), row.getValue()), "record " + row.getKey() + " read twice");
                }
            }
            assertEquals(fromReader.keySet(), seen.keySet(), "every record, with " + world + " ranks");
            for (Map.Entry<Long, float[]> row : fromReader.entrySet()) {
                assertArrayEquals(row.getValue(), seen.get(row.getKey()), "record " + row.getKey());
            }
        }
    }

    /** One shuffled epoch of shard {@code rank} of {@code world}: each record's features and one-hot label. */
    private static Map<Long, float[]> epoch(SparkDigitsSequence.Builder builder, int rank, int world) {
        Map<Long, float[]> rows = new TreeMap<>();
        try (SparkDigitsSequence sequence = builder.shuffle(true).seed(7).training(false).workers(2)
                .shard(rank, world, ShardRemainder.DROP).exampleMetaData(true).build()) {
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                List<Serializable> records = batch.getExampleMetaData();
                float[] features = batch.getFeatures().dup().data().asFloat();
                float[] labels = batch.getLabels().dup().data().asFloat();
                int width = features.length / records.size();
                for (int row = 0; row < records.size(); row++) {
                    float[] values = new float[width + 10];
                    System.arraycopy(features, row * width, values, 0, width);
                    System.arraycopy(labels, row * 10, values, width, 10);
                    assertNull(rows.put(((RecordMetaData) records.get(row)).record(), values));
                }
            }
        }
        return rows;
    }
}
