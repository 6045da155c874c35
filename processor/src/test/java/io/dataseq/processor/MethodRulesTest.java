package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.dataseq.processor.Compilations.compile;
import static io.dataseq.processor.Compilations.compileStrictly;
import static io.dataseq.processor.Readers.assertOnlyError;
import static io.dataseq.processor.Readers.reader;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules about one annotated method: how it can be called, what it returns, its shape and classes. */
class MethodRulesTest {
    private static final String SIZE = "    @Size int size() { return 1; }\n";
    private static final String FEATURES = "    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }\n";

    private static JavaFileObject readerWith(String members) {
        return reader("@DataSequence\nclass Reader {\n" + members + "}\n");
    }

    @Test
    @Covers(Message.METHOD_PRIVATE)
    void privateMethod() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2})
                    private float[] pixels(int record) { return new float[2]; }
                """);

        assertOnlyError(compile(source), source,
                "[METHOD_PRIVATE] @Features method pixels(int) must not be private. Make it package-private or"
                        + " public (public when a reader in another package inherits it): the generated sequence, in"
                        + " the reader's package, calls it.",
                "@Features");
    }

    @Test
    @Covers(Message.METHOD_STATIC)
    void staticMethod() {
        JavaFileObject source = readerWith(FEATURES + """
                    @Size
                    static int size() { return 1; }
                """);

        assertOnlyError(compile(source), source,
                "[METHOD_STATIC] @Size method size() must not be static. Make it an instance method: the sequence"
                        + " calls it on the reader it was built with.",
                "@Size");
    }

    @Test
    @Covers(Message.SIZE_SIGNATURE)
    void sizeTakingAParameter() {
        JavaFileObject source = readerWith(FEATURES + """
                    @Size
                    long size(int shard) { return 1; }
                """);

        assertOnlyError(compile(source), source,
                "[SIZE_SIGNATURE] @Size method size(int) must return int and take no parameters; found long"
                        + " size(int). Declare it as int size().",
                "@Size");
    }

    @Test
    @Covers(Message.SIZE_THROWS)
    void sizeThrowingCheckedException() {
        JavaFileObject source = readerWith(FEATURES + """
                    @Size
                    int size() throws java.io.IOException { return 1; }
                """);

        assertOnlyError(compile(source), source,
                "[SIZE_THROWS] @Size method size() must not throw checked exceptions; found IOException."
                        + " Count the records when the reader is created, and return the count.",
                "@Size");
    }

    @Test
    @Covers(Message.METHOD_PARAMETERS)
    void featuresTakingSomethingElseAfterTheRecord() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2})
                    float[] pixels(int record, String file) { return new float[2]; }
                """);

        assertOnlyError(compile(source), source,
                "[METHOD_PARAMETERS] @Features method pixels(int, String) must take (int record) or"
                        + " (int record, RecordContext context). Take the record number, then optionally an"
                        + " io.dataseq.RecordContext for seeded augmentation.",
                "@Features");
    }

    /**
     * A record parameter of the wrong type in a reader with {@code @Size}: whatever the type, and however many
     * methods take it, each method is told what its record parameter must be, on its own line; never that the
     * reader would be a streaming one with a {@code @Size} too many.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "float[] pixels(Integer record)                     | Integer | float[] pixels(int record)",
        "float[] pixels(long record, RecordContext context) | long    | float[] pixels(int record, RecordContext context)",
        "float[] pixels(String line)                        | String  | float[] pixels(int record)",
        "float[] pixels(int... record)                      | int...  | float[] pixels(int record)",
        "float[] pixels(java.nio.file.Path file)            | Path    | float[] pixels(int record)"})
    @Covers(Message.RECORD_PARAMETER_TYPE)
    void recordParameterOfTheWrongType(String declaration, String found, String fixed) {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2})
                    %s { return new float[2]; }
                """.formatted(declaration));

        String signature = declaration.substring("float[] ".length()).replaceAll(" [a-z]+([,)])", "$1")
                .replace("java.nio.file.", "");
        assertOnlyError(compile(source), source,
                "[RECORD_PARAMETER_TYPE] @Features method " + signature + " must take an int record first: the"
                        + " reader has @Size, so it reads records by their number; found " + found + ". Declare it"
                        + " as " + fixed + ". To stream descriptors of type " + found + " instead, remove the"
                        + " @Size method (docs/streaming.md).",
                declaration);
    }

    /** Every method taking the same descriptor, as a streaming reader's do: still a record mistake in each. */
    @Test
    void everyMethodTakingOneDescriptorBesideSize() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2}) float[] pixels(String line) { return new float[2]; }
                    @Label(classes = 2) int label(String line, RecordContext context) { return 0; }
                    @Describe String where(String line) { return line; }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation).hadErrorContaining("[RECORD_PARAMETER_TYPE] @Features method pixels(String)")
                .inFile(source).onLineContaining("pixels(String line)");
        assertThat(compilation).hadErrorContaining("[RECORD_PARAMETER_TYPE] @Label method label(String,"
                + " RecordContext) must take an int record first: the reader has @Size, so it reads records by their"
                + " number; found String. Declare it as int label(int record, RecordContext context).")
                .inFile(source).onLineContaining("label(String line");
        assertThat(compilation).hadErrorContaining("[RECORD_PARAMETER_TYPE] @Describe method where(String) must"
                + " take an int record first: the reader has @Size, so it reads records by their number; found String."
                + " Declare it as String where(int record).")
                .inFile(source).onLineContaining("where(String line)");
    }

    @Test
    @Covers(Message.DESCRIBE_PARAMETERS)
    void describeTakingAContext() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Describe
                    String file(int record, RecordContext context) { return "a.png"; }
                """);

        assertOnlyError(compile(source), source,
                "[DESCRIBE_PARAMETERS] @Describe method file(int, RecordContext) must take (int record) and nothing"
                        + " else. Take the record number alone: it is called after reading the record failed, with no"
                        + " RecordContext.",
                "@Describe");
    }

    @Test
    void describeReturningVoid() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Describe
                    void file(int record) {}
                """);

        assertOnlyError(compile(source), source,
                "[RETURNS_VOID] @Describe method file(int) must return the record's value; found void."
                        + " Return what names the record, e.g. its Path.",
                "@Describe");
    }

    @Test
    void privateStaticDescribe() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Describe
                    private static String file(int record) { return "a.png"; }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("[METHOD_PRIVATE] @Describe method file(int) must not be private.")
                .inFile(source).onLineContaining("@Describe");
        assertThat(compilation).hadErrorContaining("[METHOD_STATIC] @Describe method file(int) must not be static.")
                .inFile(source).onLineContaining("@Describe");
    }

    @Test
    void describeMayReturnAPrimitiveAndThrow() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Describe
                    long offset(int record) throws java.io.IOException { return 512L * record; }
                """);

        Compilation compilation = compileStrictly(source);

        // The generated lambda boxes the long, and DescribeMethod.describe throws Exception.
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.ReaderSequence");
    }

    @Test
    @Covers(Message.RETURNS_VOID)
    void labelReturningVoid() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(classes = 2)
                    void label(int record) {}
                """);

        assertOnlyError(compile(source), source,
                "[RETURNS_VOID] @Label method label(int) must return the record's value; found void."
                        + " Return float[], INDArray or int.",
                "@Label");
    }

    @Test
    @Covers(Message.FEATURES_TYPE)
    void featuresReturningDoubles() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {2})
                    double[] image(int record) { return new double[2]; }
                """);

        assertOnlyError(compile(source), source,
                "[FEATURES_TYPE] @Features method image(int) must return float[] or INDArray; found double[]."
                        + " Return the input as float[] with a shape, or as an INDArray; or return an image file,"
                        + " its bytes or a Mat, with @Image.",
                "@Features");
    }

    @Test
    @Covers(Message.LABEL_TYPE)
    void labelReturningDoubles() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(shape = {2})
                    double[] target(int record) { return new double[2]; }
                """);

        assertOnlyError(compile(source), source,
                "[LABEL_TYPE] @Label method target(int) must return float[], INDArray or int; found double[]."
                        + " Return a class index as int with classes, or a target as float[] or INDArray with a shape;"
                        + " or a mask as an image file, its bytes or a Mat, with @Image.",
                "@Label");
    }

    @Test
    @Covers(Message.LABEL_CLASS_NAME)
    void labelReturningAClassName() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(classes = 2)
                    String kind(int record) { return "cat"; }
                """);

        assertOnlyError(compile(source), source,
                "[LABEL_CLASS_NAME] @Label method kind(int) returns a String, but a class label is the class's"
                        + " index, an int. Return the index with @Label(classes = N, names = {...}) naming the"
                        + " classes in index order (e.g. return NAMES.indexOf(name)); or, if the String names a"
                        + " mask's image file, add @Image.",
                "@Label");
    }

    @Test
    @Covers(Message.SHAPE_MISSING)
    void featuresWithoutShape() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    INDArray pixels(int record) { return null; }
                """);

        assertOnlyError(compile(source), source,
                "[SHAPE_MISSING] @Features method pixels(int) returns INDArray, so it must declare its shape. Add the"
                        + " size of each dimension of one record, without the batch dimension, e.g."
                        + " @Features(shape = {1, 28, 28}).",
                "@Features");
    }

    @Test
    @Covers(Message.SHAPE_DIMENSION)
    void shapeWithZero() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(
                            shape = {1, 0})
                    float[] pixels(int record) { return new float[0]; }
                """);

        // Points at the value, not at the annotation.
        assertOnlyError(compile(source), source,
                "[SHAPE_DIMENSION] @Features method pixels(int) must have shape dimensions of at least 1; found"
                        + " {1, 0}. Give the size of each dimension of one record, without the batch dimension.",
                "shape = {1, 0}");
    }

    @Test
    @Covers(Message.CLASSES_MISSING)
    void intLabelWithoutClasses() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label
                    int label(int record) { return 0; }
                """);

        assertOnlyError(compile(source), source,
                "[CLASSES_MISSING] @Label method label(int) returns a class index, so it must set classes. Add the"
                        + " number of classes, e.g. @Label(classes = 10), or return a float[] target with a shape.",
                "@Label");
    }

    @Test
    @Covers(Message.CLASSES_TOO_FEW)
    void oneClass() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(
                            classes = 1)
                    int label(int record) { return 0; }
                """);

        assertOnlyError(compile(source), source,
                "[CLASSES_TOO_FEW] @Label method label(int) must have at least 2 classes; found 1. Set classes to the"
                        + " number of classes; for one yes/no target, return float[] with shape = {1}.",
                "classes = 1)");
    }

    @Test
    @Covers(Message.CLASS_ATTRIBUTE_ON_ARRAY_LABEL)
    void classesOnFloatLabel() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(shape = {3},
                            classes = 3)
                    float[] scores(int record) { return new float[3]; }
                """);

        assertOnlyError(compile(source), source,
                "[CLASS_ATTRIBUTE_ON_ARRAY_LABEL] @Label method scores(int) returns float[], so it must not set"
                        + " classes. Remove classes: it applies only to a class index returned as int.",
                "classes = 3)");
    }

    @Test
    @Covers(Message.NAMES_COUNT)
    void fewerNamesThanClasses() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(classes = 3,
                            names = {"cat", "dog"})
                    int animal(int record) { return 0; }
                """);

        assertOnlyError(compile(source), source,
                "[NAMES_COUNT] @Label method animal(int) must list one name per class, 3 names; found 2. Name each"
                        + " class index in order, or leave names empty for \"0\", \"1\", ...",
                "names = {\"cat\", \"dog\"}");
    }

    @Test
    @Covers(Message.NAMES_DUPLICATE)
    void repeatedClassNames() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(classes = 4,
                            names = {"cat", "dog", "cat", "dog"})
                    int animal(int record) { return 0; }
                """);

        assertOnlyError(compile(source), source,
                "[NAMES_DUPLICATE] @Label method animal(int) must name each class differently; found \"cat\","
                        + " \"dog\" more than once. Give each class index its own name: getLabels() and DL4J's"
                        + " evaluation tell the classes apart by it.",
                "names = {\"cat\", \"dog\", \"cat\", \"dog\"}");
    }

    @Test
    void annotatedRecordComponentIsReportedWhereItIsWritten() {
        JavaFileObject source = reader("""
                @DataSequence
                record Reader(
                        @Features(shape = {2}) float[] pixels) {
                    @Size public int size() { return 1; }
                }
                """);

        // The annotation goes on to the implicit accessor pixels(), which has no place in the source of its own.
        assertOnlyError(compile(source), source,
                "[METHOD_PARAMETERS] @Features method pixels() must take (int record) or (int record, RecordContext"
                        + " context).",
                "float[] pixels)");
    }

    @Test
    void writtenAccessorIsReportedWhereItIsWritten() {
        JavaFileObject source = reader("""
                @DataSequence
                record Reader(long count) {
                    @Size
                    public long count() { return count; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[SIZE_SIGNATURE] @Size method count() must return int and take no parameters; found long count().",
                "@Size");
    }

    @Test
    void sizeOnARecordComponent() {
        JavaFileObject source = reader("""
                @DataSequence
                record Reader(@Size int size, float[][] rows) {
                    @Features(shape = {2}) float[] pixels(int record) { return rows[record]; }
                }
                """);

        assertThat(compileStrictly(source)).succeededWithoutWarnings();
    }

    @Test
    @Covers(Message.SHAPE_ON_CLASS_LABEL)
    void shapeOnClassLabelThatRepeatsClasses() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(classes = 2,
                            shape = {2})
                    int label(int record) { return 0; }
                """);

        Compilation compilation = compile(source);

        // A warning: the reader still works, so the sequence is still generated.
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("[SHAPE_ON_CLASS_LABEL] @Label method label(int) returns a class index, so its"
                        + " shape, {2}, only repeats classes. Remove shape: the batch holds the label one-hot, as"
                        + " [batch, classes].")
                .inFile(source)
                .onLineContaining("        shape = {2})");
        assertThat(compilation).generatedSourceFile("test.ReaderSequence");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5 | 5", "2, 1 | 2, 1", "1 | 1"})
    @Covers(Message.SHAPE_CONTRADICTS_CLASSES)
    void shapeOnClassLabelThatContradictsClasses(String shape, String found) {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(classes = 2,
                            shape = {%s})
                    int label(int record) { return 0; }
                """.formatted(shape));

        assertOnlyError(compile(source), source,
                "[SHAPE_CONTRADICTS_CLASSES] @Label method label(int) returns a class index of 2 classes, batched"
                        + " one-hot as {2}, but its shape says {" + found + "}. Remove shape, which classes implies;"
                        + " or, for a target of that shape, return float[] and remove classes.",
                "shape = {" + shape + "})");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@Features(shape = {65536, 32768})     | float[] pixels(int record) { return null; }          | 2147483648",
        "@Label(shape = {1024, 1024, 1024, 2}) | INDArray target(int record) { return null; }         | 2147483648",
        "@Features(shape = {2147483647, 2147483647, 2147483647}) | void pixels(int record, java.nio.FloatBuffer row) {} | 9903520300447984150353281023"})
    @Covers(Message.SHAPE_TOO_LARGE)
    void shapeOfMoreValuesThanAnArrayHolds(String annotation, String method, String values) {
        JavaFileObject source = readerWith(SIZE + (annotation.startsWith("@Label") ? FEATURES : "") + """
                    %s
                    %s
                """.formatted(annotation, method));

        assertOnlyError(compile(source), source,
                "[SHAPE_TOO_LARGE] " + annotation.substring(0, annotation.indexOf('(')) + " method "
                        + method.substring(method.indexOf(' ') + 1, method.indexOf('(')) + "(int"
                        + (method.contains("FloatBuffer") ? ", FloatBuffer" : "") + ") has a shape of " + values
                        + " values, more than 2^31 - 1. Declare a smaller shape: the values of one record must fit in"
                        + " one Java array.",
                annotation);
    }
}
