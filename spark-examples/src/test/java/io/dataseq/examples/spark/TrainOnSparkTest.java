package io.dataseq.examples.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * The interim path runs: the bundled digits written to a store by Spark tasks, trained for one epoch with
 * dl4j-spark 1.0.0-M2 parameter averaging on local[2] (two workers, each reading its shard of the store), and the
 * held-out fifth classified far better than chance.
 */
// A guard against a hang, not a timing assertion.
@Timeout(600)
class TrainOnSparkTest {
    @TempDir
    Path directory;

    @Test
    void parameterAveragingTrainsFromAStoreWrittenBySpark() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("dataseq-train-on-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            Evaluation evaluation = TrainOnSpark.train(spark, "../examples/data/mnist-jpg",
                    directory.resolve("store"), 1);
            System.out.printf("held-out accuracy after 1 epoch of parameter averaging: %.3f%n",
                    evaluation.accuracy());
            assertTrue(evaluation.accuracy() > 0.6, evaluation.stats());
        }
    }
}
