package io.dataseq.processor;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Tells whether an element has a declaration of its own in the source, which a diagnostic can point at. A record's
 * implicit accessor has none: its annotations were written on the record component. {@code Elements.getOrigin}
 * calls it explicit all the same (JDK 17), so javac's {@link Trees} is asked; under another compiler, or a wrapped
 * environment that hides javac's, nothing is known.
 *
 * <p>It also reads the source of a type compiled in this compilation: an earlier build's generated sequence that the
 * build passes back to javac as a source (see {@link SequenceWriter}).
 */
final class SourceDeclarations {
    private final Trees trees;

    private SourceDeclarations(Trees trees) {
        this.trees = trees;
    }

    static SourceDeclarations of(ProcessingEnvironment environment) {
        try {
            return new SourceDeclarations(Trees.instance(environment));
        } catch (IllegalArgumentException | LinkageError notJavac) {
            return new SourceDeclarations(null);
        }
    }

    /** The finder of hidden annotated classes, which reads the same trees (none where they cannot be had). */
    LocalClasses localClasses() {
        return new LocalClasses(trees);
    }

    /** Whether {@code element} is declared in the source; false when that cannot be known. */
    boolean hasOwnDeclaration(Element element) {
        return trees != null && trees.getTree(element) != null;
    }

    /**
     * Whether a diagnostic on {@code element} can show a line: it is declared in the sources being compiled, or that
     * cannot be known (then it is worth trying). False for an element read from a class file.
     */
    boolean mayPointAt(Element element) {
        return trees == null || trees.getTree(element) != null;
    }

    /**
     * The text of the source file that declares {@code type}, when that file is being compiled now (not read from a
     * class file); empty when it is not, or that cannot be known or read.
     */
    Optional<String> sourceText(TypeElement type) {
        TreePath path = trees == null ? null : trees.getPath(type);
        if (path == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(path.getCompilationUnit().getSourceFile().getCharContent(true).toString());
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }
}
