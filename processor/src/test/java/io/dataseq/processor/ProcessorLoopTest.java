package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.dataseq.processor.Compilations.compile;
import static io.dataseq.processor.Readers.assertOnlyError;
import static io.dataseq.processor.Readers.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The processor's loop: one reader's failure never stops the others, and nothing escapes as an exception. */
class ProcessorLoopTest {
    private static final String METHODS = """
                @Size int size() { return 1; }
                @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
            }
            """;

    @Test
    void badReaderDoesNotStopGoodReader() {
        JavaFileObject bad = reader("Bad", """
                @DataSequence
                class Bad {
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);
        JavaFileObject good = reader("Good", "@DataSequence\nclass Good {\n" + METHODS);

        RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor());

        Compilation compilation = javac().withProcessors(processor).compile(bad, good);

        assertOnlyError(compilation, bad, "[SIZE_MISSING] @DataSequence class Bad must have a @Size method.",
                "@DataSequence");
        assertEquals(List.of("test.GoodSequence"), processor.createdSources());
    }

    @Test
    @Covers(Message.INTERNAL_ERROR)
    void unexpectedExceptionIsReportedOnItsReaderAndOthersGoOn() {
        SequenceGenerator failingOnBroken = new SequenceGenerator(true) {
            @Override
            TypeSpec generate(BindingPlan plan) {
                if (plan.model().readerName().simpleName().equals("Broken")) {
                    throw new IllegalStateException("boom");
                }
                return super.generate(plan);
            }
        };
        JavaFileObject broken = reader("Broken", "@DataSequence\nclass Broken {\n" + METHODS);
        JavaFileObject good = reader("Good", "@DataSequence\nclass Good {\n" + METHODS);

        RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor(failingOnBroken));

        Compilation compilation = javac().withProcessors(processor).compile(broken, good);

        assertOnlyError(compilation, broken,
                "[INTERNAL_ERROR] DataSeq failed on Broken with java.lang.IllegalStateException: boom. This is a bug"
                        + " in DataSeq; please report it with this stack trace:",
                "class Broken");
        assertThat(compilation).hadErrorContaining("at io.dataseq.processor.");
        assertEquals(List.of("test.GoodSequence"), processor.createdSources());
    }

    /** Two names alike: the first reader by qualified name keeps it, whichever javac hands over first. */
    @Test
    @Covers(Message.NAME_DUPLICATE)
    void twoReadersGeneratingOneName() {
        JavaFileObject first = reader("First", "@DataSequence(name = \"Shared\")\nclass First {\n" + METHODS);
        JavaFileObject second = reader("Second", "@DataSequence(\n        name = \"Shared\")\nclass Second {\n"
                + METHODS);

        for (List<JavaFileObject> order : List.of(List.of(first, second), List.of(second, first))) {
            RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor());

            Compilation compilation = javac().withProcessors(processor).compile(order);

            assertOnlyError(compilation, second,
                    "[NAME_DUPLICATE] @DataSequence class Second generates test.Shared, as class First does. Give"
                            + " Second another name with @DataSequence(name = \"...\"); First keeps test.Shared (the"
                            + " first by qualified name) and is generated.",
                    "name = \"Shared\"");
            assertEquals(List.of("test.Shared"), processor.createdSources());
            assertEquals(List.of("test.First"), processor.originatingElements().get("test.Shared").stream()
                    .map(element -> ((TypeElement) element).getQualifiedName().toString()).toList());
        }
    }

    /** A name that is another reader's default: the reader that chose it is at fault, even when it comes first. */
    @Test
    void nameThatIsAnotherReadersDefault() {
        JavaFileObject chooser = reader("Aardvark", "@DataSequence(\n        name = \"ZebraSequence\")\n"
                + "class Aardvark {\n" + METHODS);
        JavaFileObject owner = reader("Zebra", "@DataSequence\nclass Zebra {\n" + METHODS);

        RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor());

        Compilation compilation = javac().withProcessors(processor).compile(chooser, owner);

        assertOnlyError(compilation, chooser,
                "[NAME_DUPLICATE] @DataSequence class Aardvark generates test.ZebraSequence, as class Zebra does. Give"
                        + " Aardvark another name with @DataSequence(name = \"...\"); Zebra keeps test.ZebraSequence"
                        + " (its default name) and is generated.",
                "name = \"ZebraSequence\"");
        assertEquals(List.of("test.ZebraSequence"), processor.createdSources());
    }

    /** Another processor generated the name first, in the same round: the Filer refuses, and says why. */
    @Test
    @Covers(Message.WRITE_FAILED)
    void nameAnotherProcessorGenerated() {
        JavaFileObject source = reader("@DataSequence\nclass Reader {\n" + METHODS);
        Processor other = new AbstractProcessor() {
            private boolean done;

            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of("*");
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                if (!done) {
                    done = true;
                    try (Writer writer = processingEnv.getFiler().createSourceFile("test.ReaderSequence")
                            .openWriter()) {
                        writer.write("package test;\n\nclass ReaderSequence {}\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return false;
            }
        };

        Compilation compilation = javac().withProcessors(other, new DataSequenceProcessor()).compile(source);

        assertOnlyError(compilation, source,
                "[WRITE_FAILED] @DataSequence class Reader could not be generated as test.ReaderSequence: Attempt to"
                        + " recreate a file for type test.ReaderSequence. If another annotation processor generates a"
                        + " type of that name, choose another with @DataSequence(name = \"...\"); otherwise the"
                        + " compiler's reason says what failed.",
                "@DataSequence");
    }

    @Test
    void unresolvedTypeIsLeftToJavac() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) Pixels pixels(int record) { return null; }
                }
                """);

        Compilation compilation = compile(source);

        // javac's own error says it all; DataSeq neither judges nor generates a reader it cannot see whole.
        assertOnlyError(compilation, source, "cannot find symbol", "Pixels pixels");
        assertThat(compilation).hadWarningCount(0);
    }

    @Test
    void readerWaitsForATypeAnotherProcessorGenerates() {
        // In the first round Interrupted does not exist yet, and javac counts its error type as a subtype of
        // anything, RuntimeException included. DataSeq defers the reader to the next round, where Interrupted is
        // seen for what it is: a checked exception, which SizeMethod cannot throw.
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    @Size int size() throws Interrupted { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);
        Processor exceptionGenerator = new AbstractProcessor() {
            private boolean done;

            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of("*");
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                if (!done) {
                    done = true;
                    try (Writer writer = processingEnv.getFiler().createSourceFile("test.Interrupted").openWriter()) {
                        writer.write("package test;\n\nclass Interrupted extends Exception {\n"
                                + "    private static final long serialVersionUID = 1L;\n}\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return false;
            }
        };

        // Listed first: DataSeq claims its annotations, and javac then asks no later "*" processor in that round.
        Compilation compilation =
                javac().withProcessors(exceptionGenerator, new DataSequenceProcessor()).compile(source);

        assertOnlyError(compilation, source,
                "[SIZE_THROWS] @Size method size() must not throw checked exceptions; found Interrupted.",
                "@Size");
    }
}
