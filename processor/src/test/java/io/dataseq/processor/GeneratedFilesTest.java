package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.dataseq.processor.Compilations.compileStrictly;
import static io.dataseq.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the processor hands to the build: the same bytes on every build, whatever order the readers come in, and
 * each file tied to the one reader it comes from (Gradle's "isolating" contract: a file's origin is the only input
 * that may change it).
 */
class GeneratedFilesTest {

    private static List<JavaFileObject> readers() {
        return List.of(
                JavaFileObjects.forResource("readers/io/dataseq/examples/mnist/Digits.java"),
                source("test.Outer", """
                        package test;

                        import io.dataseq.RecordContext;
                        import io.dataseq.annotation.DataSequence;
                        import io.dataseq.annotation.Describe;
                        import io.dataseq.annotation.Features;
                        import io.dataseq.annotation.Label;
                        import io.dataseq.annotation.Size;

                        class Outer {
                            @DataSequence(batchSize = 3, shuffle = true, seed = 5, workers = 2, prefetch = 4)
                            static final class Nested {
                                @Size int size() { return 4; }
                                @Features(shape = {2, 3}) float[] values(int record, RecordContext context) {
                                    return new float[6];
                                }
                                @Label(classes = 3, names = {"a", "b", "c"}) int kind(int record) { return 0; }
                                @Describe String row(int record) { return "row " + record; }
                            }
                        }
                        """),
                source("test.Buffered", """
                        package test;

                        import io.dataseq.annotation.DataSequence;
                        import io.dataseq.annotation.Features;
                        import io.dataseq.annotation.Label;
                        import io.dataseq.annotation.Size;

                        @DataSequence(perWorker = true, name = "BufferedBatches")
                        public class Buffered {
                            private final float[] buffer = new float[8];

                            @Size public int size() { return 10; }
                            @Features(shape = {8}) public float[] values(int record) { return buffer; }
                            @Label(shape = {1}) public float[] target(int record) { return new float[1]; }
                        }
                        """));
    }

    @Test
    void twoCompilationsGenerateTheSameBytes() {
        List<JavaFileObject> readers = readers();
        List<JavaFileObject> reversed = new ArrayList<>(readers);
        Collections.reverse(reversed);

        Map<String, byte[]> first = generated(compileStrictly(readers.toArray(JavaFileObject[]::new)));
        Map<String, byte[]> second = generated(compileStrictly(reversed.toArray(JavaFileObject[]::new)));

        assertEquals(3, first.size(), () -> "generated: " + first.keySet());
        assertEquals(first.keySet(), second.keySet());
        first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name + " differs between builds"));
    }

    @Test
    void everyGeneratedFileHasItsReaderAsItsOnlyOrigin() {
        RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor());

        Compilation compilation = javac().withProcessors(processor).compile(readers());

        assertThat(compilation).succeeded();
        Map<String, List<String>> origins = new TreeMap<>();
        processor.originatingElements().forEach((file, elements) -> origins.put(file, names(elements)));
        assertEquals(Map.of(
                        "io.dataseq.examples.mnist.DigitsSequence", List.of("io.dataseq.examples.mnist.Digits"),
                        "test.Outer_NestedSequence", List.of("test.Outer.Nested"),
                        "test.BufferedBatches", List.of("test.Buffered")),
                origins);
    }

    /**
     * Gradle's isolating contract also says what a processor may read: the reader and what is reachable from it. The
     * processor asks the compiler for a type by name only for the JDK's own types, and for the sequence it is about
     * to write, right before writing it (see {@code SequenceWriter}): never to decide what goes into a file.
     */
    @Test
    void looksUpNoTypeByNameButTheJdksAndTheSequenceItIsAboutToWrite() {
        RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor());
        List<JavaFileObject> sources = new ArrayList<>(readers());
        // A reader with an error is never written, so its sequence's name is none of the compiler's business.
        sources.add(Readers.reader("Bad", "@DataSequence\nclass Bad {\n"
                + "    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }\n}\n"));

        Compilation compilation = javac().withProcessors(processor).compile(sources);

        assertThat(compilation).hadErrorCount(1);
        List<String> events = processor.events();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (!event.startsWith("lookup ") || JDK_TYPES.contains(event.substring("lookup ".length()))) {
                continue;
            }
            String sequence = event.substring("lookup ".length());
            assertEquals("create " + sequence, i + 1 < events.size() ? events.get(i + 1) : "nothing",
                    "looked up " + sequence + " without writing it next: " + events);
        }
        assertEquals(3, events.stream().filter(event -> event.startsWith("create ")).count(), events::toString);
    }

    /** The JDK's types the processor may look up by name: they are the same in every build. */
    private static final List<String> JDK_TYPES = List.of(
            "javax.annotation.processing.Generated", "java.lang.RuntimeException", "java.lang.Error",
            // What a distributed reader's constructors may take (CarriedTypes).
            "java.util.List", "java.io.Serializable", "java.nio.file.Path", "java.net.URI", "java.net.URL");

    private static List<String> names(List<Element> elements) {
        return elements.stream()
                .map(element -> ((TypeElement) element).getQualifiedName().toString())
                .collect(Collectors.toList());
    }

    private static Map<String, byte[]> generated(Compilation compilation) {
        assertThat(compilation).succeededWithoutWarnings();
        Map<String, byte[]> files = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            try (InputStream in = file.openInputStream()) {
                files.put(file.toUri().getPath(), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
