package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.dataseq.processor.Compilations.compile;
import static io.dataseq.processor.Compilations.compileStrictly;
import static io.dataseq.processor.Readers.assertOnlyError;
import static io.dataseq.processor.Readers.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The rules of a {@code @Features} method that writes its values straight into its row of the batch:
 * {@code void name(int record[, RecordContext context], FloatBuffer row)} with a shape, in a reader by record number.
 */
class DirectFeaturesRulesTest {
    private static final String SIZE = "    @Size int size() { return 1; }\n";
    private static final String FEATURES = "    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }\n";

    private static JavaFileObject readerWith(String members) {
        return reader("@DataSequence\nclass Reader {\n" + members + "}\n");
    }

    @Test
    void bothSignaturesAreAccepted() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2}, order = 0)
                    void vector(int record, java.nio.FloatBuffer row) {}
                    @Features(shape = {2}, order = 1)
                    void noisy(int record, RecordContext context, java.nio.FloatBuffer row) throws Exception {}
                """);

        assertThat(compileStrictly(source)).succeededWithoutWarnings();
    }

    @Test
    @Covers(Message.DIRECT_PARAMETERS)
    void rowBeforeTheRecord() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2})
                    void vector(java.nio.FloatBuffer row, int record) {}
                """);

        assertOnlyError(compile(source), source,
                "[DIRECT_PARAMETERS] @Features method vector(FloatBuffer, int) takes a FloatBuffer, so it must take"
                        + " (int record, FloatBuffer row) or (int record, RecordContext context, FloatBuffer row)."
                        + " Take the record number first, then optionally an io.dataseq.RecordContext, and the"
                        + " java.nio.FloatBuffer row to write into last.",
                "@Features");
    }

    @Test
    void contextAfterTheRow() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2})
                    void vector(int record, java.nio.FloatBuffer row, RecordContext context) {}
                """);

        assertOnlyError(compile(source), source,
                "[DIRECT_PARAMETERS] @Features method vector(int, FloatBuffer, RecordContext) takes a FloatBuffer",
                "@Features");
    }

    @Test
    @Covers(Message.DIRECT_RETURNS_VALUE)
    void rowWriterReturningAnArray() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2})
                    float[] vector(int record, java.nio.FloatBuffer row) { return null; }
                """);

        assertOnlyError(compile(source), source,
                "[DIRECT_RETURNS_VALUE] @Features method vector(int, FloatBuffer) takes a FloatBuffer row to write"
                        + " into, so it must return void; found float[]. Write the record's values into row and"
                        + " return nothing; or remove the FloatBuffer parameter and return the values as float[] or"
                        + " INDArray.",
                "@Features");
    }

    @Test
    void rowWriterWithoutShape() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    void vector(int record, java.nio.FloatBuffer row) {}
                """);

        assertOnlyError(compile(source), source,
                "[SHAPE_MISSING] @Features method vector(int, FloatBuffer) writes into a FloatBuffer row, so it must"
                        + " declare its shape. Add the size of each dimension of one record, without the batch"
                        + " dimension, e.g. @Features(shape = {1, 28, 28}).",
                "@Features");
    }

    @Test
    void rowWriterWithAZeroDimension() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(
                            shape = {4, 0})
                    void vector(int record, java.nio.FloatBuffer row) {}
                """);

        assertOnlyError(compile(source), source,
                "[SHAPE_DIMENSION] @Features method vector(int, FloatBuffer) must have shape dimensions of at least 1;"
                        + " found {4, 0}.",
                "shape = {4, 0}");
    }

    @Test
    void voidFeaturesAreToldOfTheRow() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2})
                    void vector(int record) {}
                """);

        assertOnlyError(compile(source), source,
                "[RETURNS_VOID] @Features method vector(int) must return the record's value; found void. Return"
                        + " float[] or INDArray; or write the values into the batch: take a FloatBuffer row after the"
                        + " record.",
                "@Features");
    }

    @Test
    @Covers(Message.DIRECT_LABEL)
    void labelWritingARow() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(shape = {3})
                    void target(int record, java.nio.FloatBuffer row) {}
                """);

        assertOnlyError(compile(source), source,
                "[DIRECT_LABEL] @Label method target(int, FloatBuffer) takes a FloatBuffer row, but only @Features"
                        + " methods may write into the batch. Return the target as float[] or INDArray with a shape,"
                        + " or a class index as int with classes.",
                "@Label");
    }

    @Test
    @Covers(Message.DIRECT_IMAGE)
    void imageWritingARow() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    @Image(height = 8, width = 8)
                    void photo(int record, java.nio.FloatBuffer row) {}
                """);

        assertOnlyError(compile(source), source,
                "[DIRECT_IMAGE] @Features method photo(int, FloatBuffer) has @Image, so it must return the image to"
                        + " decode, not write into a FloatBuffer row. Remove the FloatBuffer parameter and return the"
                        + " image file, its bytes or a Mat; or remove @Image and write the pixels into row, with a"
                        + " shape.",
                "@Features");
    }

    @Test
    @Covers(Message.DIRECT_STREAMING)
    void rowWriterInAStreamingReader() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Features(shape = {2}) void vector(String line, java.nio.FloatBuffer row) {}
                    @Label(classes = 2) int label(String line) { return 0; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[DIRECT_STREAMING] @Features method vector(String, FloatBuffer) takes a FloatBuffer row, but the"
                        + " methods of a streaming reader must return their values. Return the values as float[] or"
                        + " INDArray with a shape: only a reader whose methods take an int record may write rows"
                        + " straight into the batch.",
                "void vector(");
    }

    @Test
    void badRowWriterBesideAGoodOneStillGeneratesTheGoodOne() {
        JavaFileObject bad = reader("Bad", """
                @DataSequence
                class Bad {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) int vector(int record, java.nio.FloatBuffer row) { return 0; }
                }
                """);
        JavaFileObject good = reader("Good", """
                @DataSequence
                class Good {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) void vector(int record, java.nio.FloatBuffer row) {}
                }
                """);

        RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor());

        Compilation compilation = javac().withProcessors(processor).compile(bad, good);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[DIRECT_RETURNS_VALUE]").inFile(bad).onLineContaining("int vector(");
        assertEquals(List.of("test.GoodSequence"), processor.createdSources());
    }
}
