package io.dataseq.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataseq.RecordException;
import io.dataseq.annotation.ErrorPolicy;
import io.dataseq.SkippedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files that cannot be read: the error names the record and the file, and SKIP loses nothing else. */
class BadFilesTest {
    private static final Path DATA = Path.of("data", "mnist-jpg");

    private static List<LabelledFile> withBadFiles(Path dir) throws IOException {
        List<LabelledFile> files = new ArrayList<>(DigitFiles.fromCsv(DATA, DATA.resolve("labels.csv")).subList(0, 40));
        Path corrupt = Files.writeString(dir.resolve("corrupt.jpg"), "not a jpeg at all");
        Path truncated = dir.resolve("truncated.jpg");
        byte[] real = Files.readAllBytes(files.get(0).file());
        Files.write(truncated, java.util.Arrays.copyOf(real, 20));
        files.set(7, new LabelledFile(corrupt, 3));
        files.set(19, new LabelledFile(dir.resolve("missing.jpg"), 4));
        files.set(33, new LabelledFile(truncated, 5));
        return files;
    }

    @Test
    void failNamesTheRecordAndTheFile(@TempDir Path dir) throws IOException {
        try (DigitsSequence sequence = DigitsSequence.builder(new Digits(withBadFiles(dir)))
                .shuffle(false).batchSize(10).workers(2).build()) {
            sequence.next(); // records 0..9 hold record 7, the corrupt file
            throw new AssertionError("the batch with the corrupt file was delivered");
        } catch (RecordException e) {
            assertEquals(7, e.record());
            assertTrue(e.description().endsWith("corrupt.jpg"), e.description());
            assertTrue(e.getMessage().contains("record 7") && e.getMessage().contains("corrupt.jpg"),
                    e.getMessage());
            assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void skipListsExactlyTheBadFilesAndDeliversTheRest(@TempDir Path dir) throws IOException {
        try (DigitsSequence sequence = DigitsSequence.builder(new Digits(withBadFiles(dir)))
                .batchSize(8).workers(2).onError(ErrorPolicy.SKIP).build()) {
            int delivered = 0;
            while (sequence.hasNext()) {
                delivered += sequence.next().numExamples();
            }
            List<SkippedRecord> skipped = sequence.skipped();
            assertEquals(37, delivered);
            Path report = dir.resolve("skipped.csv");
            sequence.writeSkipped(report);
            List<String> lines = Files.readAllLines(report);
            assertEquals("epoch,record,description,error,message", lines.get(0));
            assertEquals(4, lines.size(), String.join("\n", lines));
            assertTrue(lines.stream().skip(1).allMatch(line -> line.startsWith("0,")), String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(line -> line.contains("missing.jpg")
                    && line.contains("NoSuchFileException")), String.join("\n", lines));
            assertEquals(List.of(7, 19, 33), skipped.stream().map(SkippedRecord::record).sorted().toList());
            for (SkippedRecord record : skipped) {
                assertTrue(record.description().matches(".*(corrupt|missing|truncated)\\.jpg"), record.toString());
            }
        }
        assertThrows(IOException.class, () -> Grayscale.decode(dir.resolve("missing.jpg"), 28, 28));
    }
}
