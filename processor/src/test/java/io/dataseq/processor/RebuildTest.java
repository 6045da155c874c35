package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.dataseq.processor.Compilations.compile;
import static io.dataseq.processor.Readers.assertOnlyError;
import static io.dataseq.processor.Readers.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A second build without {@code clean} (maven-compiler-plugin's incremental recompilation, an IDE's build) meets
 * what the first generated, in one of two ways: as a class file on the class path (Maven's {@code target/classes}),
 * or as a source among those compiled (the generated-sources folder taken for a source folder). Either way the
 * sequence of every kind of reader is the earlier output, not a clash, and the second build succeeds.
 */
class RebuildTest {
    private static final String PARTS = """
                @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                @Label(classes = 2) int label(int record) { return 0; }
            }
            """;

    /** One reader of each kind the generator renders differently. */
    enum Kind {
        SINGLE("@DataSequence\nclass Reader {\n    @Size int size() { return 1; }\n" + PARTS),
        MULTI("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}, order = 0) float[] pixels(int record) { return new float[2]; }
                    @Features(shape = {3}, order = 1) float[] audio(int record) { return new float[3]; }
                    @Label(classes = 2) int label(int record) { return 0; }
                }
                """),
        STREAMING("""
                @DataSequence
                class Reader {
                    @Features(shape = {2}) float[] pixels(String line) { return new float[2]; }
                    @Label(classes = 2) int label(String line) { return 0; }
                }
                """),
        IMAGE("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features @Image(height = 2, width = 2) Path photo(int record) { return Path.of("a.png"); }
                    @Label(classes = 2) int label(int record) { return 0; }
                }
                """);

        private final String body;

        Kind(String body) {
            this.body = body;
        }

        JavaFileObject reader() {
            return Readers.reader(body);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void earlierOutputOnTheClassPathIsReplaced(Kind kind, @TempDir Path classes) throws IOException {
        Compilation first = compile(kind.reader());
        assertThat(first).succeededWithoutWarnings();
        writeClassFiles(first, classes);

        Compilation second = javac().withProcessors(new DataSequenceProcessor())
                .withClasspath(classPathWith(classes))
                .compile(kind.reader());

        assertThat(second).succeededWithoutWarnings();
        assertThat(second).generatedSourceFile("test.ReaderSequence").contentsAsUtf8String()
                .isEqualTo(first.generatedSourceFile("test.ReaderSequence").orElseThrow().getCharContent(true)
                        .toString());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void earlierOutputAmongTheSourcesIsCompiledAsItIs(Kind kind) {
        Compilation first = compile(kind.reader());
        JavaFileObject earlier = first.generatedSourceFile("test.ReaderSequence").orElseThrow();

        // Strictly: javac warns when a processor tries to recreate a source it compiles; DataSeq does not try.
        Compilation second = Compilations.compileStrictly(kind.reader(), earlier);

        assertThat(second).succeededWithoutWarnings();
        assertEquals(List.of(), second.generatedSourceFiles());
    }

    @Test
    @Covers(Message.STALE_OUTPUT)
    void outOfDateEarlierOutputAmongTheSourcesIsReported() {
        JavaFileObject earlier = compile(Kind.SINGLE.reader()).generatedSourceFile("test.ReaderSequence")
                .orElseThrow();
        JavaFileObject changed = reader("@DataSequence(batchSize = 8)\nclass Reader {\n"
                + "    @Size int size() { return 1; }\n" + PARTS);

        Compilation second = compile(changed, earlier);

        assertOnlyError(second, changed,
                "[STALE_OUTPUT] @DataSequence class Reader generates test.ReaderSequence, but the build compiles an"
                        + " out-of-date test.ReaderSequence from an earlier build as one of its sources, which the"
                        + " compiler lets no processor replace. Delete the earlier generated sources (mvn clean, or"
                        + " the IDE's rebuild), and keep the generated-sources folder out of the source folders: the"
                        + " processor writes it on every build.",
                "@DataSequence");
    }

    @Test
    void aTypeOfTheNameThatDataSeqDidNotGenerateStillClashes(@TempDir Path classes) throws IOException {
        Compilation first = compile(reader("ReaderSequence", "class ReaderSequence {}\n"));
        writeClassFiles(first, classes);

        Compilation second = javac().withProcessors(new DataSequenceProcessor())
                .withClasspath(classPathWith(classes))
                .compile(Kind.SINGLE.reader());

        assertOnlyError(second, Kind.SINGLE.reader(), "[NAME_CLASH] @DataSequence class Reader generates"
                + " test.ReaderSequence, but a type of that name already exists.", "@DataSequence");
    }

    /** Writes the class files {@code compilation} produced under {@code folder}, as a build's output folder. */
    private static void writeClassFiles(Compilation compilation, Path folder) throws IOException {
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            // compile-testing names them /CLASS_OUTPUT/test/ReaderSequence.class.
            String name = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
            Path target = folder.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = file.openInputStream()) {
                Files.copy(in, target);
            }
        }
    }

    /** This test's class path (the runtime among it), and {@code folder} first, as Maven puts target/classes. */
    private static List<File> classPathWith(Path folder) {
        List<File> path = new ArrayList<>();
        path.add(folder.toFile());
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(File::new).forEach(path::add);
        return path;
    }

}
