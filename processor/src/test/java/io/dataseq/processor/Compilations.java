package io.dataseq.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Compiles test readers with the DataSeq processor, against the real runtime on the test class path. */
final class Compilations {
    private Compilations() {}

    /** Compiles with javac's defaults: for readers that are wrong on purpose. */
    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new DataSequenceProcessor()).compile(sources);
    }

    /** Compiles with every lint on and warnings as errors: generated code must pass a strict user build. */
    static Compilation compileStrictly(JavaFileObject... sources) {
        return javac().withProcessors(new DataSequenceProcessor()).withOptions("-Xlint:all", "-Werror").compile(sources);
    }

    /** A source file of class {@code qualifiedName} with {@code text}, which is usually a text block. */
    static JavaFileObject source(String qualifiedName, String text) {
        return JavaFileObjects.forSourceString(qualifiedName, text);
    }
}
