package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.dataseq.processor.Compilations.compileStrictly;
import static io.dataseq.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Generated code must compile whatever the reader and its neighbours are called. */
class NameResolutionTest {

    @Test
    void readerNamedBuilderBesideAClassNamedList() {
        JavaFileObject list = source("test.List", "package test;\n\npublic class List {}\n");
        JavaFileObject reader = source("test.Builder", """
                package test;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;

                @DataSequence
                public class Builder {
                    @Size public int size() { return 1; }
                    @Features(shape = {2}) public float[] reader(int record) { return new float[2]; }
                    @Label(classes = 2) public int context(int record) { return 0; }
                }
                """);

        Compilation compilation = compileStrictly(list, reader);

        assertThat(compilation).succeededWithoutWarnings();
    }
}
