package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.dataseq.processor.Compilations.compile;
import static io.dataseq.processor.Compilations.compileStrictly;
import static io.dataseq.processor.Compilations.source;
import static io.dataseq.processor.Goldens.assertMatchesGolden;
import static io.dataseq.processor.Readers.assertOnlyError;
import static io.dataseq.processor.Readers.reader;

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
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader's annotated methods include those it inherits from superclasses and interfaces (see
 * {@code AnnotatedMethods}): the most specific declaration is called, the most specific annotated one counts, and
 * what cannot work is said at the method, or at the reader when the method is in a class file.
 */
class InheritanceTest {
    private static final String IMPORTS = """
            import io.dataseq.RecordContext;
            import io.dataseq.annotation.DataSequence;
            import io.dataseq.annotation.Describe;
            import io.dataseq.annotation.Features;
            import io.dataseq.annotation.Label;
            import io.dataseq.annotation.Size;
            """;

    private static JavaFileObject file(String qualifiedName, String body) {
        String packageName = qualifiedName.substring(0, qualifiedName.lastIndexOf('.'));
        return source(qualifiedName, "package " + packageName + ";\n\n" + IMPORTS + "\n" + body);
    }

    @Test
    void abstractBaseClass(TestInfo test) {
        JavaFileObject base = file("io.dataseq.examples.rows.CsvRows", """
                abstract class CsvRows {
                    @Size abstract int size();

                    @Features(shape = {13}) abstract float[] row(int record);

                    @Label(classes = 2) int label(int record) {
                        return record % 2;
                    }
                }
                """);
        JavaFileObject reader = file("io.dataseq.examples.rows.TrainRows", """
                @DataSequence(batchSize = 16)
                final class TrainRows extends CsvRows {
                    @Override
                    int size() {
                        return 100;
                    }

                    @Override
                    float[] row(int record) {
                        return new float[13];
                    }
                }
                """);

        Compilation compilation = compileStrictly(base, reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.rows.TrainRowsSequence", test);
    }

    @Test
    void interfaceDefaultAndAbstractMethodsOfARecord(TestInfo test) {
        JavaFileObject layout = file("io.dataseq.examples.points.PointLayout", """
                interface PointLayout {
                    @Size int count();

                    @Features(shape = {2}) float[] point(int record, RecordContext context);

                    @Describe default String where(int record) {
                        return "point " + record;
                    }
                }
                """);
        JavaFileObject reader = file("io.dataseq.examples.points.Points", """
                @DataSequence
                public record Points(int count) implements PointLayout {
                    @Override
                    public float[] point(int record, RecordContext context) {
                        return new float[] {record, context.random().nextFloat()};
                    }
                }
                """);

        Compilation compilation = compileStrictly(layout, reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.points.PointsSequence", test);
    }

    @Test
    void genericBaseOfAStreamingReader(TestInfo test) {
        JavaFileObject base = file("io.dataseq.examples.lines.Parsed", """
                abstract class Parsed<D> {
                    @Features(shape = {4}) abstract float[] values(D descriptor);

                    @Label(shape = {1}) float[] target(D descriptor) {
                        return new float[1];
                    }
                }
                """);
        JavaFileObject reader = file("io.dataseq.examples.lines.CsvLines", """
                @DataSequence
                class CsvLines extends Parsed<String> {
                    @Override
                    float[] values(String line) {
                        return new float[4];
                    }
                }
                """);

        Compilation compilation = compileStrictly(base, reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.lines.CsvLinesSequence", test);
    }

    /** A reader that declares nothing of its own, over a concrete base in the same compilation: no stray there. */
    @Test
    void readerOfInheritedMethodsOnly() {
        JavaFileObject base = reader("Base", """
                class Base {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);
        JavaFileObject source = reader("@DataSequence\nfinal class Reader extends Base {}\n");

        Compilation compilation = compileStrictly(base, source);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.ReaderSequence").contentsAsUtf8String()
                .contains("(reader, record, context) -> reader.pixels(record)");
    }

    @Test
    void annotatedOverrideReplacesWhatItOverrides() {
        JavaFileObject base = reader("Base", """
                abstract class Base {
                    @Size abstract int size();
                    @Features(shape = {2}, name = "base") abstract float[] pixels(int record);
                    @Label(classes = 2) int label(int record) { return 0; }
                }
                """);
        JavaFileObject source = reader("""
                @DataSequence
                class Reader extends Base {
                    int size() { return 1; }
                    @Features(shape = {3}) float[] pixels(int record) { return new float[3]; }
                    @Label(classes = 5) int label(int record) { return 4; }
                }
                """);

        Compilation compilation = compileStrictly(base, source);

        assertThat(compilation).succeededWithoutWarnings();
        String generated = "(reader, record, context) -> reader.";
        assertThat(compilation).generatedSourceFile("test.ReaderSequence").contentsAsUtf8String()
                .contains(".floatFeatures(\"pixels\", new int[] {3},\n                    " + generated + "pixels(record))");
        assertThat(compilation).generatedSourceFile("test.ReaderSequence").contentsAsUtf8String()
                .contains(".classLabel(\"label\", 5, List.of(), " + generated + "label(record))");
    }

    /** Java calls a superclass's method rather than an interface's default: so does the sequence. */
    @Test
    void classMethodWinsOverAnInterfaceDefault() {
        JavaFileObject layout = reader("Layout", """
                interface Layout {
                    @Size int size();
                    @Features(shape = {2}) default float[] pixels(int record) { return new float[2]; }
                }
                """);
        JavaFileObject base = reader("Base", """
                abstract class Base {
                    public int size() { return 1; }
                    public float[] pixels(int record) { return new float[] {1, 2}; }
                }
                """);
        JavaFileObject source = reader("@DataSequence\nclass Reader extends Base implements Layout {}\n");

        Compilation compilation = compileStrictly(layout, base, source);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.ReaderSequence").contentsAsUtf8String()
                .contains(".floatFeatures(\"pixels\", new int[] {2},");
    }

    @Test
    void inheritedMethodIsJudgedAtItsDeclaration() {
        JavaFileObject base = reader("Base", """
                abstract class Base {
                    @Features(shape = {2})
                    double[] pixels(int record) { return new double[2]; }
                }
                """);
        JavaFileObject source = reader("""
                @DataSequence
                class Reader extends Base {
                    @Size int size() { return 1; }
                }
                """);

        assertOnlyError(compile(base, source), base,
                "[FEATURES_TYPE] @Features method Base.pixels(int) must return float[] or INDArray; found double[].",
                "@Features");
    }

    @Test
    void inheritedFromAClassFileIsJudgedAtTheReader(@TempDir Path classes) throws IOException {
        JavaFileObject base = source("lib.Base", "package lib;\n\n" + IMPORTS + """

                public abstract class Base {
                    @Features(shape = {2})
                    public double[] pixels(int record) { return new double[2]; }
                }
                """);
        writeClassFiles(compile(base), classes);
        JavaFileObject source = reader("""
                @DataSequence
                class Reader extends lib.Base {
                    @Size int size() { return 1; }
                }
                """);

        Compilation compilation = javac().withProcessors(new DataSequenceProcessor())
                .withClasspath(classPathWith(classes))
                .compile(source);

        assertOnlyError(compilation, source,
                "[FEATURES_TYPE] @Features method Base.pixels(int) must return float[] or INDArray; found double[].",
                "class Reader");
    }

    @Test
    void twoSizeMethodsAcrossTheHierarchy() {
        JavaFileObject base = reader("Base", """
                abstract class Base {
                    @Size int count() { return 1; }
                }
                """);
        JavaFileObject source = reader("""
                @DataSequence
                class Reader extends Base {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        // The reader's own comes last: it is the one to remove.
        assertOnlyError(compile(base, source), source,
                "[SIZE_DUPLICATE] @Size method size() is a second @Size method, after Base.count().", "@Size");
    }

    @Test
    void privateMethodOfABaseIsNotInherited() {
        JavaFileObject base = reader("Base", """
                abstract class Base {
                    @Size
                    private int size() { return 1; }
                }
                """);
        JavaFileObject source = reader("""
                @DataSequence
                class Reader extends Base {
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(base, source), base,
                "[METHOD_PRIVATE] @Size method Base.size() must not be private.", "@Size");
    }

    @Test
    @Covers(Message.METHOD_INACCESSIBLE)
    void protectedMethodOfABaseInAnotherPackage() {
        JavaFileObject base = source("lib.Base", "package lib;\n\n" + IMPORTS + """

                public abstract class Base {
                    @Features(shape = {2})
                    protected float[] pixels(int record) { return new float[2]; }
                }
                """);
        JavaFileObject source = reader("""
                @DataSequence
                class Reader extends lib.Base {
                    @Size int size() { return 1; }
                }
                """);

        assertOnlyError(compile(base, source), base,
                "[METHOD_INACCESSIBLE] @Features method Base.pixels(int) is protected in another package than Reader,"
                        + " so the generated sequence, in the package of Reader, cannot call it. Make it public, or"
                        + " override it in Reader.",
                "@Features");
    }

    @Test
    @Covers(Message.METHOD_NOT_IMPLEMENTED)
    void abstractMethodTheReaderDoesNotImplement() {
        JavaFileObject base = reader("Base", """
                abstract class Base {
                    @Size abstract int size();
                    @Features(shape = {2})
                    abstract float[] pixels(int record);
                }
                """);
        JavaFileObject source = reader("""
                @DataSequence
                class Reader extends Base {
                    int size() { return 1; }
                }
                """);

        // javac would say that Reader does not override pixels(int) when it attributes the classes, which an error
        // from a processor stops it from doing: this is the one message.
        assertOnlyError(compile(base, source), base,
                "[METHOD_NOT_IMPLEMENTED] @Features method Base.pixels(int) is abstract, and Reader does not implement"
                        + " it. Implement it in Reader or a superclass: the generated sequence calls it on the reader.",
                "@Features");
    }

    /** Interfaces and abstract classes may hold annotated methods for readers that are compiled elsewhere. */
    @Test
    void interfacesAndAbstractClassesAreNoStrays() {
        JavaFileObject layout = reader("Layout", """
                interface Layout {
                    @Size int size();
                    @Features(shape = {2}) default float[] pixels(int record) { return new float[2]; }
                }
                """);
        JavaFileObject base = reader("Base", """
                abstract class Base {
                    @Label(classes = 2) int label(int record) { return 0; }
                }
                """);

        assertThat(compileStrictly(layout, base)).succeededWithoutWarnings();
    }

    private static void writeClassFiles(Compilation compilation, Path folder) throws IOException {
        assertThat(compilation).succeeded();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                Path target = folder.resolve(file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", ""));
                Files.createDirectories(target.getParent());
                try (InputStream in = file.openInputStream()) {
                    Files.copy(in, target);
                }
            }
        }
    }

    private static List<File> classPathWith(Path folder) {
        List<File> path = new ArrayList<>();
        path.add(folder.toFile());
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(File::new).forEach(path::add);
        return path;
    }
}
