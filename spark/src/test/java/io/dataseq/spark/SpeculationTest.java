package io.dataseq.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.SkippedRecord;
import io.dataseq.annotation.ErrorPolicy;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskState;
import org.apache.spark.executor.Executor;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.scheduler.TaskDescription;
import org.apache.spark.scheduler.TaskSchedulerImpl;
import org.apache.spark.scheduler.WorkerOffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Speculative execution: a slow attempt is copied, the copy wins, and the store still holds every record once, byte
 * for byte {@code writeStore}'s. Spark never runs a copy on the host of the attempt it copies, and local mode has one
 * host and no speculation thread (TaskSchedulerImpl.start), so the test plays the second host: it asks Spark's own
 * scheduler for speculatable tasks and offers it a core of an executor on another host ("elsewhere", in this JVM);
 * the scheduler decides what runs there and which attempt's result counts, as on a cluster.
 */
// A guard against a hang, not a timing assertion.
@Timeout(300)
class SpeculationTest {
    private static final int SLOW = 160; // a record of chunk 3 of 6

    static SparkContext spark;
    static CountDownLatch slowStarted;
    static CountDownLatch copyStarted;
    static CountDownLatch copyFinished;

    @TempDir
    Path directory;

    @BeforeAll
    static void startSpark() {
        spark = new SparkContext(Spark.localConf("local[2]")
                .set("spark.speculation", "true")
                // Any attempt running when the check runs may be copied (the check is the test's to run).
                .set("spark.speculation.minTaskRuntime", "0")
                .set("spark.speculation.multiplier", "0"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void aSpeculativeCopyThatWinsWritesEachRecordOnce() throws Exception {
        slowStarted = new CountDownLatch(1);
        copyStarted = new CountDownLatch(1);
        copyFinished = new CountDownLatch(1);
        String root = SparkDigits.MNIST;
        BuilderSupplier slowOnce = () -> SparkDigitsSequence.perWorker(() -> new SparkDigits(root,
                SparkStoreWriterTest.RECORDS, SpeculationTest::before));
        CompletableFuture<List<SkippedRecord>> written = CompletableFuture.supplyAsync(() -> SparkStoreWriter
                .of(spark, slowOnce).recordsPerChunk(50).write(directory.resolve("spark").toString()));

        assertTrue(slowStarted.await(120, TimeUnit.SECONDS), "the first attempt reached the slow record");
        TaskSchedulerImpl scheduler = (TaskSchedulerImpl) spark.taskScheduler();
        try (Elsewhere elsewhere = new Elsewhere(scheduler)) {
            // Until the copy starts: the check needs most other tasks done, which they soon are. Each wait ends when
            // the copy starts, the write ends, or the test's timeout.
            while (!copyStarted.await(20, TimeUnit.MILLISECONDS) && !written.isDone()) {
                scheduler.checkSpeculatableTasks();
                elsewhere.offerACore();
            }
            assertEquals(List.of(), written.get());
            assertTrue(copyFinished.await(120, TimeUnit.SECONDS), "the copy on the other host finished");
        }

        Path local = directory.resolve("local");
        SparkStoreWriterTest.digits(SparkStoreWriterTest.RECORDS, ErrorPolicy.FAIL, SparkDigits.Hook.NONE).builder()
                .writeStore(local);
        SparkStoreWriterTest.assertSameStore(local, directory.resolve("spark"), 50);
    }

    /** The first attempt at the slow record's chunk waits there until a copy of its task has finished. */
    static void before(int record) throws IOException {
        TaskContext task = TaskContext.get();
        if (task == null || record != SLOW) {
            return;
        }
        if (task.attemptNumber() > 0) {
            copyStarted.countDown();
            return;
        }
        slowStarted.countDown();
        try {
            if (!copyFinished.await(120, TimeUnit.SECONDS)) {
                throw new IOException("no speculative copy finished");
            }
        } catch (InterruptedException e) { // killed by Spark: the copy won
            Thread.currentThread().interrupt();
            throw new IOException("killed: the copy finished first", e);
        }
    }

    /**
     * An executor on another host, in this JVM: offers Spark's scheduler a core, runs what it is given, and reports
     * back, as a cluster's executor would.
     */
    static final class Elsewhere implements AutoCloseable {
        private final TaskSchedulerImpl scheduler;
        private final Executor executor;
        private final Set<Long> copies = ConcurrentHashMap.newKeySet();

        Elsewhere(TaskSchedulerImpl scheduler) {
            this.scheduler = scheduler;
            this.executor = new Executor("elsewhere", "elsewhere", SparkEnv.get(),
                    JavaConverters.asScalaBuffer(List.<URL>of()).toList(), true, (thread, e) -> {},
                    scala.collection.immutable.Map$.MODULE$.empty());
        }

        void offerACore() {
            WorkerOffer offer = new WorkerOffer("elsewhere", "elsewhere", 1, Option.empty(),
                    scala.collection.immutable.Map$.MODULE$.empty(), ResourceProfile.DEFAULT_RESOURCE_PROFILE_ID());
            for (scala.collection.Seq<TaskDescription> tasks : JavaConverters.seqAsJavaList(scheduler.resourceOffers(
                    JavaConverters.asScalaBuffer(List.of(offer)).toIndexedSeq(), true))) {
                for (TaskDescription task : JavaConverters.seqAsJavaList(tasks)) {
                    if (task.attemptNumber() > 0) {
                        copies.add(task.taskId());
                    }
                    executor.launchTask((taskId, state, data) -> {
                        scheduler.statusUpdate(taskId, state, data);
                        if (state == TaskState.FINISHED() && copies.contains(taskId)) {
                            copyFinished.countDown();
                        }
                    }, task);
                }
            }
        }

        @Override
        public void close() {
            executor.stop();
        }
    }
}
