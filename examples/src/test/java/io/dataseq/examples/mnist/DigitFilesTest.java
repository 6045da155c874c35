package io.dataseq.examples.mnist;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's CSV labels, split and decoding, on the bundled files. */
class DigitFilesTest {
    private static final Path DATA = Path.of("data", "mnist-jpg");

    @Test
    void csvListsEveryBundledFileWithItsFolderAsLabel() throws IOException {
        List<LabelledFile> files = DigitFiles.fromCsv(DATA, DATA.resolve("labels.csv"));
        assertEquals(2500, files.size());
        for (LabelledFile file : files) {
            assertTrue(Files.isRegularFile(file.file()), file + " exists");
            assertEquals(Integer.toString(file.digit()), file.file().getParent().getFileName().toString());
        }
    }

    @Test
    void splitIsSeededDisjointAndComplete() throws IOException {
        List<LabelledFile> files = DigitFiles.fromCsv(DATA, DATA.resolve("labels.csv"));
        DigitFiles.Split split = DigitFiles.split(files, 0.8, 5);
        assertEquals(2000, split.train().size());
        assertEquals(500, split.test().size());
        Set<LabelledFile> seen = new HashSet<>(split.train());
        split.test().forEach(file -> assertTrue(seen.add(file), file + " in both halves"));
        assertEquals(new HashSet<>(files), seen);
        assertEquals(split, DigitFiles.split(files, 0.8, 5));
    }

    @Test
    void decodingMatchesOpenCvsOwnRead() throws IOException {
        Path file = DigitFiles.fromCsv(DATA, DATA.resolve("labels.csv")).get(0).file();
        float[] pixels = Grayscale.decode(file, 28, 28);
        try (Mat expected = imread(file.toString(), IMREAD_GRAYSCALE)) {
            byte[] bytes = new byte[28 * 28];
            expected.data().get(bytes);
            float[] scaled = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                scaled[i] = (bytes[i] & 0xFF) / 255f;
            }
            assertArrayEquals(scaled, pixels);
        }
    }

    @Test
    void aFileThatIsNotAnImageIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path notAnImage = Files.writeString(dir.resolve("broken.jpg"), "not a jpeg");
        IOException error = assertThrows(IOException.class, () -> Grayscale.decode(notAnImage, 28, 28));
        assertTrue(error.getMessage().contains("broken.jpg"), error.getMessage());
    }
}
