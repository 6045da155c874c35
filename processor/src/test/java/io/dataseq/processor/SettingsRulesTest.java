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

/**
 * The rules about the values of {@code @DataSequence} and the name of the generated class. Each value is written on
 * a line of its own: the line check then proves the diagnostic points at the value, not at the annotation.
 */
class SettingsRulesTest {
    private static final String METHODS = """
                @Size int size() { return 1; }
                @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
            }
            """;

    @Test
    @Covers(Message.BATCH_SIZE_TOO_SMALL)
    void batchSizeZero() {
        JavaFileObject source = reader("@DataSequence(\n        batchSize = 0)\nclass Reader {\n" + METHODS);

        assertOnlyError(compile(source), source,
                "[BATCH_SIZE_TOO_SMALL] @DataSequence batchSize must be at least 1; found 0."
                        + " Set the number of records per batch, e.g. batchSize = 32.",
                "batchSize = 0");
    }

    @Test
    @Covers(Message.WORKERS_INVALID)
    void workersBelowAuto() {
        JavaFileObject source = reader("@DataSequence(\n        workers = -2)\nclass Reader {\n" + METHODS);

        assertOnlyError(compile(source), source,
                "[WORKERS_INVALID] @DataSequence workers must be at least 0, or DataSequence.AUTO; found -2."
                        + " Use 0 to read on the thread that calls next(), a number of threads, or AUTO to let the"
                        + " sequence choose over its first epoch (up to one per processor).",
                "workers = -2");
    }

    @Test
    @Covers(Message.PREFETCH_INVALID)
    void prefetchZero() {
        JavaFileObject source = reader("@DataSequence(\n        prefetch = 0)\nclass Reader {\n" + METHODS);

        assertOnlyError(compile(source), source,
                "[PREFETCH_INVALID] @DataSequence prefetch must be at least 1, or DataSequence.AUTO; found 0."
                        + " Set how many batches may be read ahead, e.g. prefetch = 4, or AUTO to let the sequence"
                        + " choose over its first epoch, within a memory budget.",
                "prefetch = 0");
    }

    @Test
    @Covers(Message.PREFETCH_WITHOUT_WORKERS)
    void prefetchWithoutWorkers() {
        JavaFileObject source = reader("@DataSequence(workers = 0,\n        prefetch = 8)\nclass Reader {\n" + METHODS);

        assertOnlyWarning(compile(source), source,
                "[PREFETCH_WITHOUT_WORKERS] @DataSequence prefetch has no effect with workers = 0; found prefetch = 8."
                        + " With no worker threads, next() reads each batch itself and none ahead: remove prefetch, or"
                        + " set workers.",
                "prefetch = 8");
    }

    @Test
    @Covers(Message.PREFETCH_BELOW_WORKERS)
    void prefetchBelowWorkers() {
        JavaFileObject source = reader("@DataSequence(workers = 8,\n        prefetch = 2)\nclass Reader {\n" + METHODS);

        assertOnlyWarning(compile(source), source,
                "[PREFETCH_BELOW_WORKERS] @DataSequence prefetch should be at least workers, or some workers never"
                        + " read; found prefetch = 2, workers = 8. At most prefetch batches are read at once, one per"
                        + " worker: raise prefetch (AUTO grows it as the consumer needs), or use fewer workers.",
                "prefetch = 2");
    }

    @Test
    void prefetchThatKeepsEveryWorkerBusy() {
        JavaFileObject noWorkers = reader("NoWorkers", "@DataSequence(workers = 0, prefetch = 1)\nclass NoWorkers {\n"
                + METHODS);
        JavaFileObject asMany = reader("AsMany", "@DataSequence(workers = 4, prefetch = 4)\nclass AsMany {\n"
                + METHODS);
        JavaFileObject auto = reader("Auto", "@DataSequence(workers = 16)\nclass Auto {\n" + METHODS);

        assertThat(compileStrictly(noWorkers, asMany, auto)).succeededWithoutWarnings();
    }

    /** Every way a name cannot name the class, each with its reason, at the name's value. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "other.Sequence | which has a package: the sequence is generated in the reader's package",
        "class          | which is a keyword",
        "_              | which is a keyword",
        "true           | which is a literal",
        "2Fast          | which is not an identifier",
        "var            | a restricted identifier, which Java does not allow as a class name",
        "record         | a restricted identifier, which Java does not allow as a class name",
        "yield          | a restricted identifier, which Java does not allow as a class name",
        "sealed         | a restricted identifier, which Java does not allow as a class name",
        "permits        | a restricted identifier, which Java does not allow as a class name",
        "Builder        | the name of the class it holds, Builder"})
    @Covers(Message.NAME_INVALID)
    void nameThatCannotNameTheClass(String name, String reason) {
        JavaFileObject source =
                reader("@DataSequence(\n        name = \"" + name + "\")\nclass Reader {\n" + METHODS);

        assertOnlyError(compile(source), source,
                "[NAME_INVALID] @DataSequence name must be a simple Java identifier that can name a class; found \""
                        + name + "\", " + reason + ". Give another simple class name, e.g. name = \"DigitsSequence\".",
                "name = \"" + name + "\"");
    }

    /**
     * A name that java.lang or DataSeq's annotations have too: the generated code compiles (it names those types in
     * full), but the files of the package would mean the sequence by it, so the user is warned.
     */
    @Test
    @Covers(Message.NAME_HIDES_TYPE)
    void nameOfAJavaLangType() {
        JavaFileObject source = reader("""
                @DataSequence(
                        name = "Long")
                class Reader {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining("[NAME_HIDES_TYPE] @DataSequence class Reader generates Long,"
                        + " which hides java.lang.Long: in package test, Long would mean the generated class. Choose"
                        + " another name with @DataSequence(name = \"...\"), or write java.lang.Long in full wherever"
                        + " the package means it.")
                .inFile(source).onLineContaining("name = \"Long\"");
        assertThat(compilation).generatedSourceFile("test.Long");
    }

    @Test
    void defaultNameOfAJavaLangType() {
        JavaFileObject source = reader("Char", """
                @DataSequence
                class Char {
                    @Size int size() { return 1; }
                    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).hadWarningContaining("[NAME_HIDES_TYPE] @DataSequence class Char generates"
                + " CharSequence, which hides java.lang.CharSequence").inFile(source).onLineContaining("@DataSequence");
    }

    /** The reader's own file imports DataSeq's annotations on demand: it would mean the sequence by Image. */
    @Test
    void nameOfADataSeqAnnotation() {
        JavaFileObject source = reader("@DataSequence(name = \"Image\")\nclass Reader {\n" + METHODS);

        Compilation compilation = compile(source);

        assertThat(compilation).hadWarningContaining("[NAME_HIDES_TYPE] @DataSequence class Reader generates Image,"
                + " which hides io.dataseq.annotation.Image").inFile(source).onLineContaining("name = \"Image\"");
    }

    @Test
    @Covers(Message.DISTRIBUTED_STREAMING)
    void distributedStreamingReader() {
        JavaFileObject source = reader("""
                @DataSequence(
                        distributed = true)
                class Reader {
                    @Features(shape = {2}) float[] pixels(String line) { return new float[2]; }
                }
                """);

        assertOnlyError(compile(source), source,
                "[DISTRIBUTED_STREAMING] @DataSequence class Reader has distributed = true, so it must read records by"
                        + " number; found a streaming reader, whose methods take a String descriptor, and a Spark task"
                        + " is given a chunk of records numbered in advance. List the records first (a file list, with"
                        + " PathLabelList or CsvLabels) and read them with a random access reader, with @Size and int"
                        + " record methods; or remove distributed: a store cannot be written from a stream.",
                "distributed = true");
    }

    /**
     * Neither the constructor nor the factory can be called from a lambda that carries only paths and settings: the
     * warning names the first one's first parameter that cannot travel, at that parameter.
     */
    @Test
    @Covers(Message.DISTRIBUTED_NOT_REBUILDABLE)
    void distributedReaderMadeFromADecoder() {
        JavaFileObject source = reader("""
                @DataSequence(distributed = true)
                class Reader {
                    static final class Decoder {}
                    private final Decoder decoder;
                    Reader(Path root,
                            Decoder decoder) { this.decoder = decoder; }
                    private Reader(String root) { this(Path.of(root), new Decoder()); }
                    static Reader over(java.util.List<Decoder> decoders) { return new Reader(Path.of("."), null); }
                    static Reader of(String root, Object settings) { return new Reader(root); }
                """ + METHODS);

        assertOnlyWarning(compile(source), source,
                "[DISTRIBUTED_NOT_REBUILDABLE] @DataSequence class Reader has distributed = true, but none of its"
                        + " constructors and static factories takes only what a serialisable lambda can carry to a"
                        + " Spark executor (primitives, String, enums, Serializable types, Path, URI, URL, and arrays"
                        + " or Lists of them); found Decoder decoder in Reader(Path, Decoder). Add a constructor from"
                        + " paths and settings and make the Decoder inside the reader (on the executor), or capture"
                        + " what the Decoder is made from in the lambda and make it there.",
                "Decoder decoder)");
    }

    /** A record's components are its canonical constructor's parameters: the warning points at the component. */
    @Test
    void distributedRecordOfAConnection() {
        JavaFileObject source = reader("""
                @DataSequence(distributed = true)
                record Reader(String table,
                        java.sql.Connection connection) {
                    @Size public int size() { return 1; }
                    @Features(shape = {2}) public float[] pixels(int record) { return new float[2]; }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining("found Connection connection in Reader(String, Connection)."
                + " Add a constructor from paths and settings and make the Connection inside the reader")
                .inFile(source).onLineContaining("java.sql.Connection connection");
    }

    /**
     * Whatever a lambda can carry, in a constructor, a record's components or a static factory; a reader made only
     * by another class (its own builder) is not followed.
     */
    @Test
    void distributedReadersThatCanBeMadeOnAnExecutor() {
        String methods = """
                    @Size public int size() { return 1; }
                    @Features(shape = {2}) public float[] pixels(int record) { return new float[2]; }
                }
                """;
        JavaFileObject implicit = reader("Implicit", "@DataSequence(distributed = true)\nclass Implicit {\n" + methods);
        JavaFileObject everyKind = reader("EveryKind", """
                @DataSequence(distributed = true)
                record EveryKind(Path root, java.net.URI index, java.net.URL mirror, String name, int size, Long seed,
                        java.util.concurrent.TimeUnit unit, float[] scale, Path[] folders, java.util.List<String> names,
                        java.util.List<? extends Path> files, java.util.List<int[]> shapes, java.time.Duration timeout,
                        Settings settings) {
                    record Settings(int width) implements java.io.Serializable {}
                """ + methods);
        JavaFileObject factory = reader("Factory", """
                @DataSequence(distributed = true)
                class Factory {
                    private Factory(Object decoder) {}
                    public static Factory open(String root) { return new Factory(root); }
                """ + methods);
        JavaFileObject built = reader("Built", """
                @DataSequence(distributed = true)
                class Built {
                    private Built(Object decoder) {}
                    static final class Builder {
                        Built build() { return new Built(new Object()); }
                    }
                """ + methods);

        assertThat(compileStrictly(implicit, everyKind, factory, built)).succeededWithoutWarnings();
    }

    /** Asserts that {@code message} is the only warning, on the line containing {@code line}, and nothing failed. */
    private static void assertOnlyWarning(Compilation compilation, JavaFileObject source, String message, String line) {
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining(message).inFile(source).onLineContaining(line);
        assertThat(compilation).generatedSourceFile("test.ReaderSequence");
    }

    @Test
    @Covers(Message.NAME_CLASH)
    void generatedNameTaken() {
        JavaFileObject existing = reader("ReaderSequence", "class ReaderSequence {}\n");
        JavaFileObject source = reader("@DataSequence\nclass Reader {\n" + METHODS);

        assertOnlyError(compile(existing, source), source,
                "[NAME_CLASH] @DataSequence class Reader generates test.ReaderSequence, but a type of that name already"
                        + " exists. Rename that type, or choose another name with @DataSequence(name = \"...\").",
                "@DataSequence");
    }
}
