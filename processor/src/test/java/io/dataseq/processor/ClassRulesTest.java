package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.dataseq.processor.Compilations.compile;
import static io.dataseq.processor.Compilations.compileStrictly;
import static io.dataseq.processor.Readers.assertOnlyError;
import static io.dataseq.processor.Readers.reader;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The rules about the class that carries {@code @DataSequence}, and about annotated methods outside one. */
class ClassRulesTest {

    @Test
    @Covers(Message.NOT_A_CLASS)
    void interfaceIsNotAReader() {
        JavaFileObject source = reader("""
                @DataSequence
                interface Reader {
                    @Size int size();
                    @Features(shape = {2}) float[] pixels(int record);
                }
                """);

        assertOnlyError(compile(source), source,
                "[NOT_A_CLASS] @DataSequence type Reader must be a class or a record; found an interface."
                        + " Put @DataSequence on the class whose instance reads the records.",
                "@DataSequence");
    }

    @Test
    @Covers(Message.ABSTRACT_CLASS)
    void abstractClass() {
        JavaFileObject source = reader("""
                @DataSequence
                abstract class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[ABSTRACT_CLASS] @DataSequence class Reader must not be abstract. Make it concrete, or move"
                        + " @DataSequence and the annotated methods to a concrete class.",
                "@DataSequence");
    }

    @Test
    @Covers(Message.PRIVATE_CLASS)
    void privateNestedClass() {
        JavaFileObject source = reader("Outer", """
                class Outer {
                    @DataSequence
                    private static class Reader {
                        @Size int size() { return 1; }
                        @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                    }
                }
                """);

        assertOnlyError(compile(source), source,
                "[PRIVATE_CLASS] @DataSequence class Outer.Reader must not be private, nor nested in a private class."
                        + " Make it package-private or public: the generated sequence in its package refers to it.",
                "@DataSequence");
    }

    @Test
    @Covers(Message.INNER_CLASS)
    void innerClass() {
        JavaFileObject source = reader("Outer", """
                class Outer {
                    @DataSequence
                    class Reader {
                        @Size int size() { return 1; }
                        @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                    }
                }
                """);

        assertOnlyError(compile(source), source,
                "[INNER_CLASS] @DataSequence class Outer.Reader must be static, not an inner class of Outer."
                        + " Declare it static, or move it to the top level.",
                "@DataSequence");
    }

    @Test
    @Covers(Message.GENERIC_CLASS)
    void genericClass() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader<T, U> {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[GENERIC_CLASS] @DataSequence class Reader must not have type parameters; found <T, U>."
                        + " Remove them: a generated sequence binds the methods of one reader type.",
                "@DataSequence");
    }

    @Test
    @Covers(Message.NON_FINAL_FIELD)
    void nonFinalFieldsOfASharedReader() {
        JavaFileObject source = reader("""
                @DataSequence
                class Reader {
                    private static int instances;
                    private final int size = 2;
                    private float[] buffer = new float[2];
                    int reads;

                    @Size int size() { return size; }
                    @Features(shape = {2}) float[] pixels(int record) { reads++; return buffer; }
                }
                """);

        Compilation compilation = compile(source);

        // Warnings: the reader may be safe all the same (a field written once before the sequence is built).
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(2);
        assertThat(compilation)
                .hadWarningContaining("[NON_FINAL_FIELD] @DataSequence class Reader has a non-final field, buffer,"
                        + " but its methods are called from several worker threads at once. Make the field final and"
                        + " what it holds immutable or thread-safe (an AtomicLong, a ConcurrentHashMap), or set"
                        + " @DataSequence(perWorker = true) to give each worker thread its own reader.")
                .inFile(source)
                .onLineContaining("private float[] buffer");
        assertThat(compilation)
                .hadWarningContaining("[NON_FINAL_FIELD] @DataSequence class Reader has a non-final field, reads,")
                .inFile(source)
                .onLineContaining("int reads;");
        assertThat(compilation).generatedSourceFile("test.ReaderSequence");
    }

    @Test
    void nonFinalFieldsOfASuperclassAreNamedAtTheReader() {
        JavaFileObject source = reader("""
                abstract class Base {
                    private int calls;
                    protected final int size = 2;

                    int next() { return calls++; }
                }

                @DataSequence
                class Reader extends Base {
                    @Size int size() { return size; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[] {next(), 0}; }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("[NON_FINAL_FIELD] @DataSequence class Reader has a non-final field, Base.calls"
                        + " (inherited), but its methods are called from several worker threads at once.")
                .inFile(source)
                .onLineContaining("@DataSequence");
        assertThat(compilation).generatedSourceFile("test.ReaderSequence");
    }

    @Test
    void perWorkerReaderMayHaveMutableFields() {
        JavaFileObject source = reader("""
                @DataSequence(perWorker = true)
                class Reader {
                    private float[] buffer = new float[2];
                    int reads;

                    @Size int size() { return 2; }
                    @Features(shape = {2}) float[] pixels(int record) { reads++; return buffer; }
                }
                """);

        assertThat(compileStrictly(source)).succeededWithoutWarnings();
    }

    @Test
    @Covers(Message.STRAY_ANNOTATION)
    void annotatedMethodOutsideAReader() {
        JavaFileObject source = reader("""
                class Reader {
                    @Features(shape = {2})
                    float[] pixels(int record) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[STRAY_ANNOTATION] @Features method pixels(int) must be in a class annotated @DataSequence, or in"
                        + " a superclass or interface of one; Reader is neither. Add @DataSequence to Reader if it"
                        + " reads records; if it is a base class of readers, declare it abstract; or remove"
                        + " @Features.",
                "@Features");
    }

    /**
     * javac hands no processor a class declared in a method body, nor an anonymous one: DataSeq finds their
     * annotations in the source and says that nothing is generated, at the annotation. (It runs when the compilation
     * has a DataSeq annotation that javac does show it: here, the good reader's.)
     */
    @Test
    @Covers(Message.LOCAL_CLASS)
    void localAndAnonymousClasses() {
        JavaFileObject source = reader("Outer", """
                class Outer {
                    void make() {
                        @DataSequence(name = "Local")
                        class Reader {
                            @Size int size() { return 1; }
                        }
                        record Row(int value) {
                            @Features(shape = {3}) float[] values(int record) { return new float[3]; }
                        }
                        Object reader = new Object() {
                            @Label(classes = 2)
                            int label(int record) { return 0; }
                        };
                    }

                    @DataSequence
                    static class Good {
                        @Size int size() { return 1; }
                        @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation).hadErrorContaining("[LOCAL_CLASS] @DataSequence on class Reader has no effect: it is"
                        + " a local class in method make, which annotation processors never see, so DataSeq generates"
                        + " nothing for it. Move it to a top-level class or a static nested class.")
                .inFile(source).onLineContaining("@DataSequence(name = \"Local\")");
        assertThat(compilation).hadErrorContaining("[LOCAL_CLASS] @Features on method values(int) has no effect: it"
                        + " is in a local record in method make,")
                .inFile(source).onLineContaining("float[] values(int record)");
        assertThat(compilation).hadErrorContaining("[LOCAL_CLASS] @Label on method label(int) has no effect: it is in"
                        + " an anonymous class in the initializer of reader,")
                .inFile(source).onLineContaining("@Label(classes = 2)");
    }

    @Test
    void describeOutsideAReader() {
        JavaFileObject source = reader("""
                class Reader {
                    @Describe
                    String file(int record) { return "a.png"; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[STRAY_ANNOTATION] @Describe method file(int) must be in a class annotated @DataSequence, or in"
                        + " a superclass or interface of one; Reader is neither.",
                "@Describe");
    }
}
