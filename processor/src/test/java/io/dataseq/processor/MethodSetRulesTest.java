package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.dataseq.processor.Compilations.compile;
import static io.dataseq.processor.Readers.assertOnlyError;
import static io.dataseq.processor.Readers.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The rules about which annotated methods a reader has: one {@code @Size}, at least one {@code @Features}, one
 * {@code @Describe} at most; several inputs or outputs each with its own order; and outputs with different names.
 */
class MethodSetRulesTest {

    @Test
    @Covers(Message.SIZE_MISSING)
    void noSize() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[SIZE_MISSING] @DataSequence class Reader must have a @Size method."
                        + " Add @Size int size() that returns the number of records.",
                "@DataSequence");
    }

    @Test
    @Covers(Message.SIZE_DUPLICATE)
    void twoSizes() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Size int count() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[SIZE_DUPLICATE] @Size method count() is a second @Size method, after size()."
                        + " Keep one: a reader has one record count.",
                "count()");
    }

    @Test
    @Covers(Message.FEATURES_MISSING)
    void noFeatures() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Label(classes = 2) int label(int record) { return 0; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[FEATURES_MISSING] @DataSequence class Reader must have a @Features method. Add a method that reads"
                        + " one record's input, e.g. @Features(shape = {1, 28, 28}) float[] pixels(int record).",
                "@DataSequence");
    }

    @Test
    @Covers(Message.ORDER_MISSING)
    void twoFeaturesWithoutAnOrder() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}, order = 0) float[] pixels(int record) { return new float[2]; }
                    @Features(shape = {3}) float[] metadata(int record) { return new float[3]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[ORDER_MISSING] @Features method metadata(int) must declare its order, since the reader has 2"
                        + " @Features methods. Number them with order = 0, 1, ..., the order of the"
                        + " ComputationGraph's addInputs: Java does not promise to list methods in source order.",
                "metadata(int record)");
    }

    @Test
    @Covers(Message.ORDER_DUPLICATE)
    void twoLabelsWithOneOrder() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                    @Label(classes = 2, order = 0) int label(int record) { return 0; }
                    @Label(shape = {1},
                            order = 0 /* again */)
                    float[] score(int record) { return new float[1]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[ORDER_DUPLICATE] @Label method score(int) has order 0, as @Label method label(int) has. Give each"
                        + " @Label method its own order: it is the position of its array in the MultiDataSet.",
                "order = 0 /* again */)");
    }

    @Test
    @Covers(Message.ORDER_INVALID)
    void negativeOrder() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2},
                            order = -1)
                    float[] pixels(int record) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[ORDER_INVALID] @Features method pixels(int) must have an order of at least 0; found -1. Number the"
                        + " @Features methods from 0, or leave order out where there is only one.",
                "order = -1)");
    }

    @Test
    void severalFeaturesAndLabelsInAnyOrderAreFine() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Label(classes = 2, order = 7) int label(int record) { return 0; }
                    @Features(shape = {3}, order = 20) float[] metadata(int record) { return new float[3]; }
                    @Features(shape = {2}, order = 10) float[] pixels(int record) { return new float[2]; }
                    @Label(shape = {1}, order = 3) float[] score(int record) { return new float[1]; }
                }
                """);

        assertThat(compile(source)).succeededWithoutWarnings();
    }

    @Test
    void twoInputsWithOneNameClash() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}, order = 0, name = "x") float[] pixels(int record) { return new float[2]; }
                    @Features(shape = {3}, order = 1,
                            name = "x" /* again */)
                    float[] metadata(int record) { return new float[3]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[OUTPUT_NAME_DUPLICATE] @Features method metadata(int) has the output name \"x\", as @Features"
                        + " method pixels(int) has.",
                "name = \"x\" /* again */)");
    }

    @Test
    @Covers(Message.DESCRIBE_DUPLICATE)
    void twoDescribes() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                    @Describe String file(int record) { return "a.png"; }
                    @Describe int row(int record) { return record; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[DESCRIBE_DUPLICATE] @Describe method row(int) is a second @Describe method, after file(int)."
                        + " Keep one: an error names its record with one description; return both in it if you need"
                        + " both.",
                "row(int record)");
    }

    @Test
    @Covers(Message.OUTPUT_NAME_DUPLICATE)
    void featuresAndLabelWithOneName() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(name = "x", shape = {2}) float[] pixels(int record) { return new float[2]; }
                    @Label(classes = 2,
                            name = "x")
                    int label(int record) { return 0; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[OUTPUT_NAME_DUPLICATE] @Label method label(int) has the output name \"x\", as @Features method"
                        + " pixels(int) has. Give each output its own name with name = \"...\": an error such as"
                        + " \"x returned null for record 7\" must say which output failed.",
                "name = \"x\")");
    }

    @Test
    void oneMethodAsFeaturesAndLabelNeedsTwoNames() {
        JavaFileObject unnamed = reader("Unnamed", """
                @DataSequence
                class Unnamed {
                    @Size int size() { return 1; }
                    @Features(shape = {2})
                    @Label(shape = {2})
                    float[] pixels(int record) { return new float[2]; }
                }
                """);
        JavaFileObject named = reader("Named", """
                @DataSequence
                class Named {
                    @Size int size() { return 1; }
                    @Features(shape = {2})
                    @Label(shape = {2}, name = "target")
                    float[] pixels(int record) { return new float[2]; }
                }
                """);

        RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor());
        Compilation compilation = javac().withProcessors(processor).compile(unnamed, named);

        // An autoencoder's input is its target; the runtime's errors still tell the two apart by name.
        assertOnlyError(compilation, unnamed,
                "[OUTPUT_NAME_DUPLICATE] @Label method pixels(int) has the output name \"pixels\", as @Features"
                        + " method pixels(int) has.",
                "@Label");
        assertEquals(List.of("test.NamedSequence"), processor.createdSources());
    }
}
