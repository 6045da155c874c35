package io.dataseq.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.TestInfo;

/**
 * Compares generated sources with golden files under {@code src/test/resources/goldens/<TestClass>/<method>/<fqcn>.java}.
 * Run with {@code -Ddataseq.regenerateGoldens=true} to write the goldens from the current output instead, then
 * review the diff before committing it.
 */
final class Goldens {
    /** Relative to the module directory, where Maven runs the tests: goldens are read from and written to source. */
    static final Path ROOT = Path.of("src", "test", "resources", "goldens");
    static final String REGENERATE = "dataseq.regenerateGoldens";

    private Goldens() {}

    /** Asserts that {@code compilation} generated {@code qualifiedName} exactly as its golden says. */
    static void assertMatchesGolden(Compilation compilation, String qualifiedName, TestInfo test) {
        Optional<JavaFileObject> generated = compilation.generatedSourceFile(qualifiedName);
        assertTrue(generated.isPresent(), () -> qualifiedName + " was not generated; generated: "
                + compilation.generatedSourceFiles());
        String actual = content(generated.get());
        Path golden = path(test, qualifiedName);
        if (Boolean.getBoolean(REGENERATE)) {
            write(golden, actual);
            return;
        }
        if (!Files.exists(golden)) {
            fail("Missing golden " + golden.toAbsolutePath() + "; run the tests with -D" + REGENERATE
                    + "=true to write it from the current output, then review it.");
        }
        assertEquals(read(golden), actual, () -> "Generated " + qualifiedName + " differs from golden " + golden
                + " (run with -D" + REGENERATE + "=true to accept the new output)");
    }

    static Path path(TestInfo test, String qualifiedName) {
        String testClass = test.getTestClass().orElseThrow().getSimpleName();
        String method = test.getTestMethod().orElseThrow().getName();
        return ROOT.resolve(testClass).resolve(method).resolve(qualifiedName + ".java");
    }

    private static String content(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path golden) {
        try {
            return Files.readString(golden, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path golden, String content) {
        try {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
