package io.dataseq.processor;

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
 * The rules about which annotated methods a reader has: one {@code @Size}, one {@code @Features}, one label and one
 * {@code @Describe} at most; and outputs with different names.
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
    @Covers(Message.FEATURES_DUPLICATE)
    void twoFeatures() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                    @Features(shape = {3}) float[] metadata(int record) { return new float[3]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[FEATURES_DUPLICATE] @Features method metadata(int) is a second input, after pixels(int); a reader"
                        + " has one @Features method for now. Several inputs are a later feature: combine them into"
                        + " one array, or remove @Features from one of them.",
                "metadata(int record)");
    }

    @Test
    @Covers(Message.LABEL_DUPLICATE)
    void twoLabels() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                    @Label(classes = 2) int label(int record) { return 0; }
                    @Label(shape = {1}) float[] score(int record) { return new float[1]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[LABEL_DUPLICATE] @Label method score(int) is a second label, after label(int); a reader has at most"
                        + " one @Label method for now. Several outputs are a later feature: combine the targets into"
                        + " one float[], or remove @Label from one of them.",
                "score(int record)");
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
