package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.dataseq.processor.Compilations.compileStrictly;
import static io.dataseq.processor.Compilations.source;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generated code must compile whatever the reader and its neighbours are called. */
class NameResolutionTest {

    @Test
    void readerNamedBuilderBesideAClassNamedList() {
        JavaFileObject list = source("test.List", "package test;\n\npublic class List {}\n");
        JavaFileObject reader = source("test.Builder", """
                package test;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;

                @DataSequence
                public class Builder {
                    @Size public int size() { return 1; }
                    @Features(shape = {2}) public float[] reader(int record) { return new float[2]; }
                    @Label(classes = 2) public int context(int record) { return 0; }
                }
                """);

        Compilation compilation = compileStrictly(list, reader);

        assertThat(compilation).succeededWithoutWarnings();
    }

    /** A method reference to size would be ambiguous beside a static size(Reader): the binding calls it by lambda. */
    @Test
    void staticHelpersNamedLikeTheAnnotatedMethods() {
        JavaFileObject reader = Readers.reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    static int size(Reader reader) { return reader.size(); }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                    static float[] pixels(Reader reader, int record) { return reader.pixels(record); }
                    @Describe String where(int record) { return ""; }
                    static String where(Reader reader, int record) { return reader.where(record); }
                }
                """);

        assertThat(compileStrictly(reader)).succeededWithoutWarnings();
    }

    /**
     * The generated class named like a type its own code uses: it names that type in full. The reader names
     * DataSeq's annotations in full, as a package with such a class must; only java.lang's are a warning
     * ({@code NAME_HIDES_TYPE}), whose text SettingsRulesTest checks.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Supplier", "List", "Path", "Generated", "Override", "Object", "String", "Long",
        "ReaderBinding", "ReaderSource", "PlanSource", "DataSetSequence", "SequenceBuilder", "ImageSpec", "ImageSource",
        "DataSequence", "ErrorPolicy", "Image"})
    void sequenceNamedLikeATypeItsCodeUses(String name) {
        JavaFileObject images = source("images.Reader", """
                package images;

                @io.dataseq.annotation.DataSequence(name = "%s", onError = io.dataseq.annotation.ErrorPolicy.SKIP)
                class Reader {
                    @io.dataseq.annotation.Size int size() { return 1; }
                    @io.dataseq.annotation.Features
                    @io.dataseq.annotation.Image(height = 2, width = 2, mean = 0.5)
                    java.nio.file.Path photo(int record) { return java.nio.file.Path.of("a.png"); }
                    @io.dataseq.annotation.Label(classes = 2, names = {"a", "b"}) int label(int record) { return 0; }
                }
                """.formatted(name));
        JavaFileObject lines = source("lines.Reader", """
                package lines;

                @io.dataseq.annotation.DataSequence(name = "%s")
                class Reader {
                    @io.dataseq.annotation.Features(shape = {2}, order = 0)
                    float[] pixels(java.lang.String line) { return new float[2]; }
                    @io.dataseq.annotation.Features(shape = {1}, order = 1)
                    float[] more(java.lang.String line) { return new float[1]; }
                    @io.dataseq.annotation.Label(classes = 2) int label(java.lang.String line) { return 0; }
                }
                """.formatted(name));

        Compilation compilation = javac().withProcessors(new DataSequenceProcessor())
                .withOptions("-Xlint:all")
                .compile(images, lines);

        assertThat(compilation).succeeded();
        compilation.warnings().forEach(warning -> assertTrue(
                warning.getMessage(Locale.ROOT).startsWith("[NAME_HIDES_TYPE]"), warning.toString()));
        assertThat(compilation).generatedSourceFile("images." + name);
        assertThat(compilation).generatedSourceFile("lines." + name);
    }
}
