package io.dataseq.processor;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.Optional;
import javax.annotation.processing.Filer;

/**
 * Writes a generated class as a source file through the {@link Filer}, in the reader's package, with the reader as
 * its only originating element: that is what makes the processor "isolating" for Gradle's incremental builds.
 *
 * <p>A build that does not clean may hand javac the sequence an earlier build generated as one of the sources to
 * compile (an IDE, or Maven with the generated-sources folder among the source roots). The compiler lets no
 * processor replace a source it compiles ("Attempt to recreate a file"), so the writer compares instead: when the
 * earlier output is what it would write, there is nothing to do; when it is out of date, it is reported.
 */
final class SequenceWriter {
    /** What became of a generated class. */
    enum Outcome {
        /** Written through the Filer. */
        WRITTEN,
        /** Not written: the same text from an earlier build is compiled as a source in this compilation. */
        UP_TO_DATE,
        /** Not written: a different text from an earlier build is compiled as a source, and cannot be replaced. */
        STALE
    }

    private final Filer filer;
    private final SourceDeclarations declarations;

    SequenceWriter(Filer filer, SourceDeclarations declarations) {
        this.filer = filer;
        this.declarations = declarations;
    }

    Outcome write(ReaderModel model, TypeSpec sequence) throws IOException {
        TypeSpec withOrigin = sequence.toBuilder().addOriginatingElement(model.type()).build();
        JavaFile file = JavaFile.builder(model.sequencePackage(), withOrigin)
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
        // The validator let an existing type of this name through only as an earlier build's output.
        Optional<String> earlier = model.existingSequenceType().flatMap(declarations::sourceText);
        if (earlier.isPresent()) {
            return earlier.get().equals(file.toString()) ? Outcome.UP_TO_DATE : Outcome.STALE;
        }
        file.writeTo(filer);
        return Outcome.WRITTEN;
    }
}
