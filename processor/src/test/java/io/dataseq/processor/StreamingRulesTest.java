package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.dataseq.processor.Compilations.compile;
import static io.dataseq.processor.Readers.assertOnlyError;
import static io.dataseq.processor.Readers.reader;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The rules of streaming readers (methods that take a descriptor instead of an {@code int} record, see
 * {@code docs/streaming.md}) and of {@code stepsPerEpoch}.
 */
class StreamingRulesTest {

    @Test
    @Covers(Message.STREAMING_MIXED_PARAMETERS)
    void labelTakingARecordNumber() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Features(shape = {2}) float[] pixels(String line) { return new float[2]; }
                    @Label(classes = 2) int label(int record) { return 0; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[STREAMING_MIXED_PARAMETERS] @Label method label(int) must take (String descriptor) or (String"
                        + " descriptor, RecordContext context), since pixels(String) takes a String descriptor."
                        + " Take the same descriptor in every @Features, @Label and @Describe method of a streaming"
                        + " reader, or an int record in each of them and add a @Size method.",
                "int label(int record)");
    }

    @Test
    void describeTakingAContextAfterTheDescriptor() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Features(shape = {2}) float[] pixels(String line) { return new float[2]; }
                    @Describe String where(String line, RecordContext context) { return line; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[STREAMING_MIXED_PARAMETERS] @Describe method where(String, RecordContext) must take (String"
                        + " descriptor), since pixels(String) takes a String descriptor.",
                "String where(");
    }

    @Test
    @Covers(Message.STREAMING_DESCRIPTOR_TYPE)
    void primitiveDescriptor() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Features(shape = {2}) float[] pixels(long offset) { return new float[2]; }
                    @Label(classes = 2) int label(long offset) { return 0; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[STREAMING_DESCRIPTOR_TYPE] @Features method pixels(long) takes a long descriptor, but a descriptor"
                        + " must be a class, record, interface or array type. Use a type the generated sequence can"
                        + " name, e.g. Long for a long, or a record of what one descriptor holds.",
                "float[] pixels(");
    }

    @Test
    @Covers(Message.STEPS_PER_EPOCH_INVALID)
    void negativeStepsPerEpoch() {
        JavaFileObject source = reader("""
                @DataSequence(
                        stepsPerEpoch = -1)
                class Reader {
                    @Features(shape = {2}) float[] pixels(String line) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[STEPS_PER_EPOCH_INVALID] @DataSequence stepsPerEpoch must be at least 1, or 0 to record a finite"
                        + " source; found -1. Set the number of batches in each epoch of a streamed source, or leave"
                        + " stepsPerEpoch out.",
                "stepsPerEpoch = -1");
    }

    @Test
    @Covers(Message.STEPS_PER_EPOCH_IGNORED)
    void stepsPerEpochOnARandomAccessReader() {
        JavaFileObject source = reader("""
                @DataSequence(
                        stepsPerEpoch = 100)
                class Reader {
                    @Size int size() { return 3; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining(
                "[STEPS_PER_EPOCH_IGNORED] @DataSequence class Reader reads records by number, so stepsPerEpoch ="
                        + " 100 is ignored. Remove stepsPerEpoch: it applies only to streaming readers, whose"
                        + " methods take a descriptor; a random access reader's epoch is every record once.")
                .inFile(source).onLineContaining("stepsPerEpoch = 100");
        assertThat(compilation).generatedSourceFile("test.ReaderSequence");
    }

    @Test
    void aBadStreamingReaderDoesNotStopAGoodOne() {
        JavaFileObject bad = reader("Bad", """
                @DataSequence
                class Bad {
                    @Features(shape = {2}) float[] pixels(String line) { return new float[2]; }
                    @Label(classes = 2) int label(Integer line) { return 0; }
                }
                """);
        JavaFileObject good = reader("Good", """
                @DataSequence(stepsPerEpoch = 10)
                class Good {
                    @Features(shape = {2}) float[] pixels(String line) { return new float[2]; }
                    @Label(classes = 2) int label(String line, RecordContext context) { return 0; }
                }
                """);

        RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor());

        Compilation compilation = javac().withProcessors(processor).compile(bad, good);

        assertOnlyError(compilation, bad, "[STREAMING_MIXED_PARAMETERS] @Label method label(Integer)", "label(");
        assertEquals(List.of("test.GoodSequence"), processor.createdSources());
    }

    @Test
    void typeVariableDescriptor() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Features(shape = {2}) <T> float[] pixels(T line) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[STREAMING_DESCRIPTOR_TYPE] @Features method pixels(T) takes a T descriptor", "float[] pixels(");
    }
}
