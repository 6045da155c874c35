package io.dataseq.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.internal.core.TimingRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void theBarCountsRecordsWithSpeedAndStopsDrawingAtTheEpochsEnd() throws Exception {
        List<String> lines = new ArrayList<>();
        ConsoleProgress progress = ConsoleProgress.toLines(line -> {
            synchronized (lines) {
                lines.add(line);
            }
        }, 200, Duration.ofMillis(10));
        TimingRecorder recorder = new TimingRecorder();
        progress.epochStarted(3, 100);
        progress.batchDelivered(40);
        Thread.sleep(50);
        progress.batchDelivered(60);
        progress.epochEnded(recorder.snapshot());
        String last;
        synchronized (lines) {
            assertTrue(!lines.isEmpty());
            last = lines.get(lines.size() - 1);
        }
        assertTrue(last.contains("epoch 3"), last);
        assertTrue(last.contains("100/100 records"), last);
        assertTrue(last.contains("records/s"), last);
        int drawn;
        synchronized (lines) {
            drawn = lines.size();
        }
        Thread.sleep(50);
        synchronized (lines) {
            assertEquals(drawn, lines.size(), "nothing drawn after the epoch's end");
        }
    }

    /**
     * Skipped records lower the count to deliver, so the bar ends at 100%, and are shown after the speed, with a
     * space. Only the bar's final line is looked at: close() draws it, whatever the redraw interval.
     */
    @Test
    void skippedRecordsEndTheBarFullAndAreCountedAfterTheSpeed() {
        List<String> lines = new ArrayList<>();
        ConsoleProgress progress = ConsoleProgress.toLines(line -> {
            synchronized (lines) {
                lines.add(line);
            }
        }, 200, Duration.ofHours(1));
        progress.epochStarted(0, 1000);
        progress.recordsSkipped(3);
        progress.batchDelivered(497);
        progress.recordsSkipped(7);
        progress.batchDelivered(493);
        TimingRecorder recorder = new TimingRecorder();
        recorder.startEpoch(0);
        recorder.addConsumerWait(1);
        recorder.endEpoch();
        progress.epochEnded(recorder.snapshot());
        String last;
        synchronized (lines) {
            last = lines.get(lines.size() - 1);
        }
        assertTrue(last.contains("100%"), last);
        assertTrue(last.contains("990/990 records"), last);
        assertTrue(last.matches(".*records/s 10 skipped, waited for data \\d+%.*"), last);
    }
}
