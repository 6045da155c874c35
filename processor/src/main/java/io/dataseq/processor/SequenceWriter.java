package io.dataseq.processor;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import javax.annotation.processing.Filer;

/**
 * Writes a generated class as a source file through the {@link Filer}, in the reader's package, with the reader as
 * its only originating element: that is what makes the processor "isolating" for Gradle's incremental builds.
 */
final class SequenceWriter {
    private final Filer filer;

    SequenceWriter(Filer filer) {
        this.filer = filer;
    }

    void write(ReaderModel model, TypeSpec sequence) throws IOException {
        TypeSpec withOrigin = sequence.toBuilder().addOriginatingElement(model.type()).build();
        JavaFile.builder(model.sequencePackage(), withOrigin)
                .indent("    ")
                .skipJavaLangImports(true)
                .build()
                .writeTo(filer);
    }
}
