package io.dataseq.spark;

import org.apache.spark.SparkConf;

/** The tests' Spark: local, on this machine only. */
final class Spark {
    private Spark() {}

    /** A local Spark on {@code master} ({@code local[cores]} or {@code local[cores,maxFailures]}), without a web UI. */
    static SparkConf localConf(String master) {
        return new SparkConf().setMaster(master).setAppName("dataseq-spark-tests")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }
}
