package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Small readers for the error tests, and the assertion they share. */
final class Readers {
    /** The package and imports every test reader starts with; unused imports cost nothing in a test. */
    private static final String HEADER = """
            package test;

            import io.dataseq.RecordContext;
            import io.dataseq.annotation.DataSequence;
            import io.dataseq.annotation.Describe;
            import io.dataseq.annotation.Features;
            import io.dataseq.annotation.Image;
            import io.dataseq.annotation.Label;
            import io.dataseq.annotation.Size;
            import java.nio.file.Path;
            import org.nd4j.linalg.api.ndarray.INDArray;

            """;

    private Readers() {}

    /** The source file {@code test/<simpleName>.java}, holding the imports above and then {@code body}. */
    static JavaFileObject reader(String simpleName, String body) {
        return JavaFileObjects.forSourceString("test." + simpleName, HEADER + body);
    }

    /** {@link #reader(String, String)} for a class named {@code Reader}. */
    static JavaFileObject reader(String body) {
        return reader("Reader", body);
    }

    /** Asserts that {@code message} (full text) is the only error, on the line of {@code source} containing {@code line}. */
    static void assertOnlyError(Compilation compilation, JavaFileObject source, String message, String line) {
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }
}
