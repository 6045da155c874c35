package io.dataseq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Which stream each random number of a record comes from: the output's own, or the record's, shared by all. */
class RecordContextTest {

    @Test
    void eachOutputHasItsOwnStreamOfSeedEpochRecordAndOutput() {
        RecordContext record = new RecordContext(5, 2, 9);
        RecordContext image = record.forOutput("image");
        assertSame(image.random(), image.random(), "one stream per context");
        long first = image.random().nextLong();
        assertEquals(first, record.forOutput("image").random().nextLong(), "the same output, the same numbers");
        Set<Long> others = new HashSet<>();
        others.add(first);
        others.add(record.forOutput("mask").random().nextLong());
        others.add(record.forOutput("imagf").random().nextLong());
        others.add(new RecordContext(6, 2, 9).forOutput("image").random().nextLong());
        others.add(new RecordContext(5, 3, 9).forOutput("image").random().nextLong());
        others.add(new RecordContext(5, 2, 10).forOutput("image").random().nextLong());
        others.add(record.random().nextLong());
        assertEquals(7, others.size(), "another output, seed, epoch or record, or no output: other numbers");
    }

    @Test
    void aRecordsOwnContextDrawsAsBeforeOutputsHadStreams() {
        long key = RecordContext.mix(RecordContext.mix(5, 2), 9);
        assertEquals(new SplittableRandom(key).nextLong(), new RecordContext(5, 2, 9).random().nextLong());
        assertEquals("", new RecordContext(5, 2, 9).output());
    }

    @Test
    void theRecordsStreamIsNewOnEachCallAndTheSameInEveryOutput() {
        RecordContext record = new RecordContext(5, 2, 9, false);
        RecordContext image = record.forOutput("image");
        RecordContext mask = record.forOutput("mask");
        assertNotSame(image.recordRandom(), image.recordRandom());
        image.recordRandom().nextLong(); // drawing from one does not move the next
        long shared = image.recordRandom().nextLong();
        assertEquals(shared, mask.recordRandom().nextLong());
        assertEquals(shared, record.recordRandom().nextLong());
        assertNotEquals(shared, image.random().nextLong(), "apart from the output's own");
        assertNotEquals(shared, record.random().nextLong(), "and from the record's context's own");
        assertNotEquals(shared, new RecordContext(5, 2, 10).recordRandom().nextLong());
        assertNotEquals(shared, new RecordContext(5, 3, 9).recordRandom().nextLong());
        assertNotEquals(shared, new RecordContext(4, 2, 9).recordRandom().nextLong());
    }

    @Test
    void anOutputsContextKeepsTheRecordsSeedEpochRecordAndMode() {
        RecordContext mask = new RecordContext(-3, 4, 17, false).forOutput("mask");
        assertEquals(-3, mask.seed());
        assertEquals(4, mask.epoch());
        assertEquals(17, mask.record());
        assertFalse(mask.training());
        assertEquals("mask", mask.output());
        assertEquals("other", mask.forOutput("other").output());
    }
}
