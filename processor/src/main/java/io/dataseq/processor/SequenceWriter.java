package io.dataseq.processor;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;

/**
 * Writes a generated class as a source file through the {@link Filer}, in the reader's package, with the reader as
 * its only originating element: that is what makes the processor "isolating" for Gradle's incremental builds.
 *
 * <p><b>The one look-up by name.</b> An isolating processor decides from the reader and what is reachable from it,
 * and everything the processor generates is decided so: the parser, the validator and the generator never ask the
 * compiler for a type by a name they made up. The writer alone asks, once per sequence and just before writing,
 * whether a type of the sequence's name exists already, because the {@code Filer} cannot be asked: it refuses to
 * create a type the compilation has as a source, and says so with a warning first, which fails a build with
 * {@code -Xlint:all -Werror}. What the answer decides is never the content of the file, only whether it is written:
 * <ul>
 *   <li>none: it is written;</li>
 *   <li>DataSeq's sequence from an earlier build, on the class path (Maven's {@code target/classes}): it is written,
 *       and replaces it;</li>
 *   <li>DataSeq's sequence from an earlier build among the sources being compiled (a build without {@code clean}
 *       that treats the generated-sources folder as a source folder): nothing to write when it is the same text,
 *       {@code STALE_OUTPUT} when it is not;</li>
 *   <li>any other type: {@code NAME_CLASH}, an error.</li>
 * </ul>
 * Gradle deletes what a reader generated before it compiles the reader again, so there the look-up can only find a
 * type of the user's, and end the build in an error: the declaration in
 * {@code META-INF/gradle/incremental.annotation.processors} stays true.
 */
final class SequenceWriter {
    /** What became of a generated class. */
    enum Outcome {
        /** Written through the Filer. */
        WRITTEN,
        /** Not written: the same text from an earlier build is compiled as a source in this compilation. */
        UP_TO_DATE,
        /** Not written: a different text from an earlier build is compiled as a source, and cannot be replaced. */
        STALE,
        /** Not written: a type of that name, which DataSeq did not generate, exists. */
        CLASH
    }

    private final Filer filer;
    private final Elements elements;
    private final SourceDeclarations declarations;

    SequenceWriter(Filer filer, Elements elements, SourceDeclarations declarations) {
        this.filer = filer;
        this.elements = elements;
        this.declarations = declarations;
    }

    Outcome write(ReaderModel model, TypeSpec sequence) throws IOException {
        String text = JavaFile.builder(model.sequencePackage(), sequence)
                .indent("    ")
                .skipJavaLangImports(true)
                .build()
                .toString();
        // In the reader's module, where the sequence goes: without one, javac looks a name it does not find up in
        // every module of the platform (a cost the Filer pays again, in createSourceFile).
        TypeElement existing = elements.getTypeElement(elements.getModuleOf(model.type()),
                model.sequenceName().canonicalName());
        if (existing != null) {
            if (!isEarlierOutput(existing)) {
                return Outcome.CLASH;
            }
            Optional<String> earlier = declarations.sourceText(existing);
            if (earlier.isPresent()) {
                return earlier.get().equals(text) ? Outcome.UP_TO_DATE : Outcome.STALE;
            }
        }
        JavaFileObject file = filer.createSourceFile(model.sequenceName().canonicalName(), model.type());
        try (Writer writer = file.openWriter()) {
            writer.write(text);
        }
        return Outcome.WRITTEN;
    }

    /**
     * Whether {@code existing} is what DataSeq generated for this name in an earlier build: a class that extends one
     * of the runtime's sequences. (Its {@code @Generated} would say more, but that is not kept in class files.)
     */
    private static boolean isEarlierOutput(TypeElement existing) {
        String superclass = TypeNames.canonical(existing.getSuperclass());
        return Arrays.stream(BindingPlan.Adapter.values())
                .anyMatch(adapter -> superclass.equals(adapter.sequenceClass().canonicalName()));
    }
}
