package io.dataseq.examples.spark;

import io.dataseq.Position;
import io.dataseq.index.ShardRemainder;
import io.dataseq.index.Split;
import io.dataseq.spark.SparkStoreWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * INTERIM (docs/spark.md): the bundled digits written to a store by {@link SparkStoreWriter}, then trained with
 * dl4j-spark 1.0.0-M2's parameter averaging, each Spark partition reading its own shard of the store. dl4j-spark is
 * deprecated upstream and was never released beside DL4J 1.0.0-M2.1; this shows the store trains with it meanwhile.
 *
 * <p>Arguments: the JPEGs' folder (default {@code ../examples/data/mnist-jpg}), the store's directory
 * ({@code target/spark-digits-store}; a {@code file://} path every executor can map, as {@code fromStore} memory-maps
 * it), epochs (3). With {@code spark-submit} the master is Spark's; run directly, {@code local[2]}.
 */
public final class TrainOnSpark {
    private static final long SEED = 42;
    private static final int BATCH = 32;

    private TrainOnSpark() {}

    public static void main(String[] args) {
        String data = args.length > 0 ? args[0] : "../examples/data/mnist-jpg";
        Path store = Path.of(args.length > 1 ? args[1] : "target/spark-digits-store").toAbsolutePath();
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SparkConf conf = new SparkConf().setAppName("dataseq-train-on-spark").setIfMissing("spark.master", "local[2]");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            Evaluation evaluation = train(spark, data, store, epochs);
            System.out.println(evaluation.stats());
            System.out.printf("held-out accuracy after %d epochs: %.3f%n", epochs, evaluation.accuracy());
        }
    }

    /** Writes the store (or keeps the one there), trains on 80% of it, and evaluates on the rest. */
    static Evaluation train(JavaSparkContext spark, String data, Path store, int epochs) {
        // 1. The store, written by the executors: each reads its chunks' JPEGs; the driver publishes the store.
        SparkStoreWriter.of(spark.sc(), () -> StoreDigitsSequence.perWorker(() -> new StoreDigits(data)))
                .recordsPerChunk(500).write(store.toUri().toString());
        int records = new StoreDigits(data).size();

        // 2. Parameter averaging over the partitions, each reading its shard of the store's training records.
        MultiLayerConfiguration network = new NeuralNetConfiguration.Builder().seed(SEED).updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(BATCH)
                .batchSizePerWorker(BATCH).averagingFrequency(4).workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct).build();
        SparkDl4jMultiLayer trainer = new SparkDl4jMultiLayer(spark, network, master);
        int partitions = spark.defaultParallelism();
        String directory = store.toString();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int thisEpoch = epoch;
            JavaRDD<DataSet> batches = spark.parallelize(IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toList()), partitions)
                    .flatMap(rank -> shard(directory, records, thisEpoch, rank, partitions));
            trainer.fit(batches);
        }

        // 3. The held-out records, read from the store on the driver.
        MultiLayerNetwork model = trainer.getNetwork();
        try (StoreDigitsSequence validation = StoreDigitsSequence.fromStore(store).subset(split(records).validation())
                .validation().build()) {
            return model.evaluate(validation);
        }
    }

    /**
     * Epoch {@code epoch} of shard {@code rank} of {@code world} of the training records, read from the store on the
     * executor: the same seed on every rank, so the shards are disjoint and cover every training record.
     */
    static Iterator<DataSet> shard(String store, int records, int epoch, int rank, int world) {
        List<DataSet> batches = new ArrayList<>();
        try (StoreDigitsSequence sequence = StoreDigitsSequence.fromStore(Path.of(store)).batchSize(BATCH)
                .subset(split(records).train()).shuffle(true).seed(SEED).resumeFrom(new Position(SEED, epoch, 0))
                .shard(rank, world, ShardRemainder.DROP).workers(1).copyBatches(true).build()) {
            while (sequence.hasNext()) {
                batches.add(sequence.next());
            }
        }
        return batches.iterator();
    }

    private static Split split(int records) {
        return Split.seeded(records, 0.8, SEED);
    }
}
