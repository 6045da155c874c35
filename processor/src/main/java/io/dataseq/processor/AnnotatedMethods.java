package io.dataseq.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Finds a reader's annotated methods: those it declares, and those it inherits from its superclasses and interfaces
 * (an abstract base class's methods, an interface's default or abstract methods), as users of AutoValue and MapStruct
 * expect. Part of parsing: it reads only the reader and its supertypes, which is what an isolating processor may read.
 *
 * <p>The rules, for each method the reader has (its <em>family</em>: the method and the declarations it overrides):
 * <ul>
 *   <li>the method called is the most specific declaration, as Java calls it: the reader's own, else the nearest
 *       superclass's, else an interface's (a class's method wins over an interface's default);</li>
 *   <li>its annotations are those of the most specific declaration in the family that has any of DataSeq's (a role,
 *       or {@code @Image}): an annotated override replaces what it overrides, it does not add to it; an override
 *       without annotations keeps those of the declaration it overrides;</li>
 *   <li>an annotated method of a supertype that the reader does not inherit (private, static in an interface,
 *       package-private in another package) is found too, so that the validator can say why it is not used.</li>
 * </ul>
 * The JDK's own types ({@code java.*}) are not searched: they carry no DataSeq annotations.
 */
final class AnnotatedMethods {
    /** The annotations that make a method DataSeq's: the roles and {@code @Image}. */
    private static final Set<String> ANNOTATIONS = annotationNames();

    private final Elements elements;

    AnnotatedMethods(Elements elements) {
        this.elements = elements;
    }

    /**
     * One method of the reader that has DataSeq's annotations.
     *
     * @param called the declaration the generated code calls: the most specific in its family
     * @param annotated the declaration whose annotations count: {@code called}, or one it overrides
     */
    record Found(ExecutableElement called, ExecutableElement annotated) {}

    /**
     * The annotated methods of {@code reader}, each family once, in the order they are declared: the most general
     * supertype's first, the reader's own last (so that of two {@code @Size} methods, the reader's own is the
     * second, which is the one reported).
     */
    List<Found> of(TypeElement reader) {
        List<TypeElement> supertypes = supertypes(reader);
        if (supertypes.isEmpty()) {
            // The usual reader: nothing inherited, no override to resolve.
            List<Found> own = new ArrayList<>();
            for (ExecutableElement method : ElementFilter.methodsIn(reader.getEnclosedElements())) {
                if (isAnnotated(method)) {
                    own.add(new Found(method, method));
                }
            }
            return own;
        }
        List<ExecutableElement> declared = new ArrayList<>();
        supertypes.forEach(type -> declared.addAll(ElementFilter.methodsIn(type.getEnclosedElements())));
        declared.addAll(ElementFilter.methodsIn(reader.getEnclosedElements()));
        // By the declaration the generated code calls, in the order of the annotated declarations.
        Map<ExecutableElement, ExecutableElement> annotatedByCalled = new LinkedHashMap<>();
        for (ExecutableElement method : declared) {
            if (!isAnnotated(method)) {
                continue;
            }
            ExecutableElement called = called(method, declared, reader);
            ExecutableElement chosen = annotatedByCalled.get(called);
            if (chosen == null || elements.overrides(method, chosen, reader)) {
                annotatedByCalled.put(called, method);
            }
        }
        List<Found> found = new ArrayList<>();
        annotatedByCalled.forEach((called, annotated) -> found.add(new Found(called, annotated)));
        return found;
    }

    /**
     * The declaration that a call of {@code method} on the reader runs: the most specific override of it among
     * {@code declared}, or {@code method} itself. A method the reader does not inherit is its own family.
     */
    private ExecutableElement called(ExecutableElement method, List<ExecutableElement> declared, TypeElement reader) {
        if (method.getEnclosingElement().equals(reader) || method.getModifiers().contains(Modifier.PRIVATE)
                || method.getModifiers().contains(Modifier.STATIC)) {
            return method;
        }
        ExecutableElement best = method;
        for (ExecutableElement other : declared) {
            if (other != method && other.getSimpleName().equals(method.getSimpleName())
                    && other.getParameters().size() == method.getParameters().size()
                    && !other.getModifiers().contains(Modifier.STATIC)
                    && elements.overrides(other, best, reader) && !isWeaker(other, best)) {
                best = other;
            }
        }
        return best;
    }

    /**
     * Whether {@code candidate}, which overrides {@code current}, is nevertheless not the one Java calls: an
     * interface's default method never replaces a class's method (the class wins).
     */
    private static boolean isWeaker(ExecutableElement candidate, ExecutableElement current) {
        return candidate.getEnclosingElement().getKind() == ElementKind.INTERFACE
                && current.getEnclosingElement().getKind() != ElementKind.INTERFACE
                && !current.getModifiers().contains(Modifier.ABSTRACT);
    }

    /**
     * The reader's supertypes outside the JDK, most general first, each once: a class after its superclass and its
     * interfaces, an interface after the interfaces it extends.
     */
    static List<TypeElement> supertypes(TypeElement reader) {
        Set<TypeElement> ordered = new LinkedHashSet<>();
        addSupertypesOf(reader, ordered);
        return List.copyOf(ordered);
    }

    private static void addSupertypesOf(TypeElement type, Set<TypeElement> ordered) {
        List<TypeMirror> direct = new ArrayList<>();
        direct.add(type.getSuperclass());
        direct.addAll(type.getInterfaces());
        for (TypeMirror supertype : direct) {
            if (supertype.getKind() != TypeKind.DECLARED) {
                continue;
            }
            TypeElement element = (TypeElement) ((DeclaredType) supertype).asElement();
            if (!ordered.contains(element) && !element.getQualifiedName().toString().startsWith("java.")) {
                addSupertypesOf(element, ordered);
                ordered.add(element);
            }
        }
    }

    /** Whether {@code method} carries a role annotation or {@code @Image}. */
    static boolean isAnnotated(Element method) {
        for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (ANNOTATIONS.contains(type.getQualifiedName().toString())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> annotationNames() {
        Set<String> names = new LinkedHashSet<>();
        for (MethodRole role : MethodRole.values()) {
            names.add(role.annotationName());
        }
        names.add(RuntimeNames.IMAGE);
        return Set.copyOf(names);
    }
}
