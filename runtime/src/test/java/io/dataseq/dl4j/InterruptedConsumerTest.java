package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.ConsumerInterruptedException;
import io.dataseq.annotation.ErrorPolicy;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code workers(0)} reads on the consumer's thread, so an interrupt of the consumer lands in the reader, which
 * typically fails the read ({@link ClosedByInterruptException} from a {@code FileChannel}). That is the consumer's
 * interruption, not a bad record: {@code next()} throws {@link ConsumerInterruptedException}, nothing is skipped or
 * failed, and the next {@code next()} reads the same batch again.
 */
// A guard against a hang, not a timing assertion.
@Timeout(60)
class InterruptedConsumerTest {

    @ParameterizedTest
    @EnumSource(ErrorPolicy.class)
    void anInterruptInsideTheReaderGivesTheBatchBackWholeUnderEitherPolicy(ErrorPolicy policy) {
        AtomicBoolean interruptOnce = new AtomicBoolean(true);
        Probe reader = new Probe(40, false, (epoch, record) -> {
            if (record == 10 && interruptOnce.getAndSet(false)) {
                Thread.currentThread().interrupt(); // what an interrupt arriving during the read does
                throw new ClosedByInterruptException();
            }
        });
        try (ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(8).workers(0).onError(policy)
                .build()) {
            sequence.next();
            ConsumerInterruptedException e = assertThrows(ConsumerInterruptedException.class, sequence::next);
            assertTrue(Thread.interrupted(), "the interrupt flag is set again, and cleared here");
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertEquals(1, sequence.position().batch(), "batch 1 was not handed out");
            List<Integer> rest = new ArrayList<>();
            while (sequence.hasNext()) {
                for (int record : Batches.records(sequence.next())) {
                    rest.add(record);
                }
            }
            assertEquals(32, rest.size(), "batch 1 came whole, and the rest after it");
            assertEquals(8, rest.get(0));
            assertTrue(sequence.skipped().isEmpty(), "nothing skipped for the consumer's interrupt");
        }
    }

    @Test
    void anInterruptBeforeTheReadReadsNothing() {
        AtomicBoolean read = new AtomicBoolean();
        Probe reader = new Probe(16, false, (epoch, record) -> read.set(true));
        try (ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(8).workers(0).build()) {
            Thread.currentThread().interrupt();
            assertThrows(ConsumerInterruptedException.class, sequence::next);
            assertTrue(Thread.interrupted());
            assertFalse(read.get(), "the reader was not called with the interrupt pending");
            assertEquals(8, sequence.next().numExamples());
        }
    }

    @Test
    void aThirdConsumerGetsABufferWhileTwoOthersHoldTheirs() throws InterruptedException {
        Probe reader = new Probe(64, false, (epoch, record) -> { });
        CountDownLatch holding = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        try (ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(4).workers(0).prefetch(1)
                .timeout(Duration.ofMillis(200)).build()) {
            // Two live threads each keep a batch (their views stay valid until their next next()): with prefetch 1
            // the window's 2 buffers are both held, and the pool grows by one per holder instead of stalling.
            List<Thread> keepers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Thread keeper = new Thread(() -> {
                    sequence.next();
                    holding.countDown();
                    awaitQuietly(done);
                });
                keepers.add(keeper);
                keeper.start();
            }
            holding.await();
            assertEquals(4, sequence.next().numExamples(), "never a stall");
            assertEquals(3, sequence.allocatedBuffers());
            done.countDown();
            for (Thread keeper : keepers) {
                keeper.join();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
