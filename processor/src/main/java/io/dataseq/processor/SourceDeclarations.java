package io.dataseq.processor;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;

/**
 * Tells whether an element has a declaration of its own in the source, which a diagnostic can point at. A record's
 * implicit accessor has none: its annotations were written on the record component. {@code Elements.getOrigin}
 * calls it explicit all the same (JDK 17), so javac's {@link Trees} is asked; under another compiler, or a wrapped
 * environment that hides javac's, nothing is known.
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

    /** Whether {@code element} is declared in the source; false when that cannot be known. */
    boolean hasOwnDeclaration(Element element) {
        return trees != null && trees.getTree(element) != null;
    }
}
