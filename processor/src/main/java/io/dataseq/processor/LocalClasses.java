package io.dataseq.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Finds DataSeq's annotations on classes that javac never hands to an annotation processor: local classes and
 * records, declared in a method body, and anonymous classes (and whatever is nested in them). Nothing is generated
 * for them, and javac says nothing, so the processor says so, at the annotation ({@code LOCAL_CLASS}).
 *
 * <p>javac has no {@link Element} for such a class while it processes annotations, so this reads the source trees
 * of the round's files, through javac's {@link Trees}: where those cannot be had (another compiler, or a wrapped
 * environment such as Gradle's), it finds nothing. It reads a file only if the file imports something of
 * {@code io.dataseq.annotation} (or is in it), and each file once. It writes no file, so what it reads beyond the
 * readers (for Gradle's isolating contract) only ever adds an error.
 */
final class LocalClasses {
    private static final String PACKAGE = "io.dataseq.annotation";
    /** DataSeq's annotations as a file may write them, simple or qualified, by how messages show them. */
    private static final Map<String, String> ANNOTATIONS = Stream.of(RuntimeNames.DATA_SEQUENCE,
                    RuntimeNames.SIZE, RuntimeNames.FEATURES, RuntimeNames.LABEL, RuntimeNames.DESCRIBE,
                    RuntimeNames.IMAGE)
            .collect(Collectors.toMap(name -> name, name -> "@" + name.substring(name.lastIndexOf('.') + 1)));

    private final Trees trees;
    private final Set<URI> read = new HashSet<>();

    /** @param trees javac's trees, or null where they cannot be had */
    LocalClasses(Trees trees) {
        this.trees = trees;
    }

    /** Reports the hidden annotated classes of the files that declare {@code roots}, once per file. */
    void report(Set<? extends Element> roots) {
        if (trees == null) {
            return;
        }
        for (Element root : roots) {
            TreePath path = trees.getPath(root);
            if (path == null) {
                continue;
            }
            CompilationUnitTree unit = path.getCompilationUnit();
            if (read.add(unit.getSourceFile().toUri()) && importsDataSeq(unit)) {
                new Scanner(unit).scan(unit, null);
            }
        }
    }

    private static boolean importsDataSeq(CompilationUnitTree unit) {
        if (unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE)) {
            return true;
        }
        for (ImportTree anImport : unit.getImports()) {
            if (anImport.getQualifiedIdentifier().toString().startsWith(PACKAGE + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Visits every class of a file, and reports each hidden one that carries DataSeq's annotations, once. */
    private final class Scanner extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;
        private final Set<String> imported;

        Scanner(CompilationUnitTree unit) {
            this.unit = unit;
            this.imported = unit.getImports().stream()
                    .filter(anImport -> !anImport.isStatic())
                    .map(anImport -> anImport.getQualifiedIdentifier().toString())
                    .collect(Collectors.toSet());
        }

        @Override
        public Void visitClass(ClassTree type, Void unused) {
            Optional<String> where = hiddenIn(getCurrentPath());
            if (where.isPresent()) {
                reportFirst(type, where.get());
            }
            return super.visitClass(type, unused);
        }

        /** The class's own DataSeq annotation if it has one, else its first annotated method's. */
        private void reportFirst(ClassTree type, String where) {
            String kind = switch (type.getKind()) {
                case RECORD -> "record";
                case INTERFACE -> "interface";
                case ENUM -> "enum";
                default -> "class";
            };
            String name = type.getSimpleName().toString();
            Optional<AnnotationTree> own = dataSeqAnnotation(type.getModifiers().getAnnotations());
            if (own.isPresent()) {
                print(own.get(), kind + " " + name, (name.isEmpty() ? "an anonymous " : "a local ") + kind + where);
                return;
            }
            String container = name.isEmpty() ? "an anonymous class" : "a local " + kind;
            for (Tree member : type.getMembers()) {
                if (member instanceof MethodTree method) {
                    Optional<AnnotationTree> annotation = dataSeqAnnotation(method.getModifiers().getAnnotations());
                    if (annotation.isPresent()) {
                        print(annotation.get(), "method " + signature(method), "in " + container + where);
                        return;
                    }
                }
            }
        }

        private void print(AnnotationTree annotation, String subject, String where) {
            String display = ANNOTATIONS.get(qualified(annotation.getAnnotationType().toString()));
            trees.printMessage(Kind.ERROR, Message.LOCAL_CLASS.format(display, subject, where), annotation, unit);
        }

        private Optional<AnnotationTree> dataSeqAnnotation(List<? extends AnnotationTree> annotations) {
            return annotations.stream()
                    .filter(annotation -> ANNOTATIONS.containsKey(qualified(annotation.getAnnotationType().toString())))
                    .<AnnotationTree>map(annotation -> annotation)
                    .findFirst();
        }

        /** The qualified name an annotation written as {@code written} has in this file, if it is DataSeq's. */
        private String qualified(String written) {
            if (written.contains(".")) {
                return written;
            }
            String inPackage = PACKAGE + "." + written;
            return imported.contains(inPackage) || imported.contains(PACKAGE + ".*")
                    || (unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE))
                    ? inPackage
                    : written;
        }

        private String signature(MethodTree method) {
            return method.getName() + method.getParameters().stream()
                    .map(parameter -> parameter.getType().toString())
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /**
     * Where the class at {@code path} is hidden from processors, as messages say it (" in method make"), or empty
     * when it is a top-level or member class, which processors see.
     */
    private static Optional<String> hiddenIn(TreePath path) {
        for (TreePath up = path.getParentPath(); up != null; up = up.getParentPath()) {
            Tree tree = up.getLeaf();
            switch (tree.getKind()) {
                case METHOD:
                    return Optional.of(" in method " + ((MethodTree) tree).getName());
                case LAMBDA_EXPRESSION:
                    return Optional.of(" in a lambda");
                case VARIABLE:
                    return Optional.of(" in the initializer of " + ((VariableTree) tree).getName());
                case BLOCK:
                    if (up.getParentPath() != null && up.getParentPath().getLeaf() instanceof ClassTree) {
                        return Optional.of(" in an initializer");
                    }
                    break;
                default:
                    break;
            }
        }
        return Optional.empty();
    }
}
