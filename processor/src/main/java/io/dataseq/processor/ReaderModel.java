package io.dataseq.processor;

import com.palantir.javapoet.ClassName;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A {@code @DataSequence} reader class as the processor understands it: what the parser read, what the validator
 * checks and what the generator binds. Immutable; it keeps the elements and annotation mirrors so that diagnostics
 * can point at them.
 *
 * @param type the reader class
 * @param annotation its {@code @DataSequence}
 * @param readerName the reader's name in generated code
 * @param readerPublic whether the reader and every class enclosing it are public, so the sequence may be too
 * @param sequencePackage the package of the generated class: the reader's
 * @param sequenceSimpleName the simple name of the generated class (possibly not a valid identifier: validated)
 * @param hiddenType the qualified name of a type that the files of the reader's package name by the generated class's
 *     simple name without importing it (a {@code java.lang} type, a DataSeq annotation), and would no longer see
 * @param methods the annotated methods of the reader, its own and those it inherits (see {@link AnnotatedMethods}),
 *     in declaration order, the most general supertype's first
 * @param descriptor what the reading methods take instead of an {@code int} record, for a streaming reader; empty
 *     for a random access one. Worked out once, by the parser, from {@code methods}
 * @param uncarriedParameter for a {@code distributed} reader none of whose constructors and static factories that
 *     other classes can call takes only what a serialisable lambda carries to a Spark executor (see
 *     {@link CarriedTypes}): the first such parameter of the first of them; empty when one takes only such parameters,
 *     when none can be called (the reader is made by another class, which the processor cannot follow), and for a
 *     reader that is not {@code distributed}
 * @param nonFinalFields the instance fields that are not final of the reader and of its superclasses, its own first,
 *     each class's in declaration order
 * @param lonelyImages the reader's methods with {@code @Image} but none of DataSeq's role annotations
 */
record ReaderModel(
        TypeElement type,
        AnnotationRef annotation,
        SequenceSettings settings,
        ClassName readerName,
        boolean readerPublic,
        String sequencePackage,
        String sequenceSimpleName,
        Optional<String> hiddenType,
        List<ReaderMethod> methods,
        Optional<Descriptor> descriptor,
        Optional<UncarriedParameter> uncarriedParameter,
        List<VariableElement> nonFinalFields,
        List<LonelyImage> lonelyImages) {

    ReaderModel {
        methods = List.copyOf(methods);
        nonFinalFields = List.copyOf(nonFinalFields);
        lonelyImages = List.copyOf(lonelyImages);
    }

    /**
     * A method with {@code @Image} and no {@code @Features}: nothing binds it.
     *
     * @param declaration where diagnostics about it point (see {@link ReaderMethod#declaration})
     * @param signature the method as messages name it, e.g. {@code photo(int)}
     */
    record LonelyImage(Element declaration, ImageDeclaration image, String signature) {}

    /**
     * A parameter of a constructor or static factory of the reader that a serialisable lambda cannot carry.
     *
     * @param declaration where diagnostics about it point: the parameter, or for a record's canonical constructor,
     *     the component's field (an implicit or compact constructor's parameters have no line of their own)
     * @param name the parameter's name
     * @param type the parameter's type as messages show it, e.g. {@code Mat}
     * @param maker the constructor or factory as messages name it, e.g. {@code Reader(Path, Mat)}
     */
    record UncarriedParameter(Element declaration, String name, String type, String maker) {}

    /** The reader's name as messages show it, e.g. {@code Outer.Inner}. */
    String readerDisplay() {
        return String.join(".", readerName.simpleNames());
    }

    /** The generated class's name; only for a valid {@link #sequenceSimpleName}. */
    ClassName sequenceName() {
        return ClassName.get(sequencePackage, sequenceSimpleName);
    }

    /** Whether the reader's methods take a descriptor from a stream instead of an {@code int} record. */
    boolean isStreaming() {
        return descriptor.isPresent();
    }

    /** The methods that take a record or a descriptor (all but {@code @Size}), in declaration order. */
    List<ReaderMethod> readingMethods() {
        return Descriptor.readingMethods(methods);
    }

    /**
     * Whether the reader has several {@code @Features} or several {@code @Label} methods, and so generates a
     * {@code MultiDataSetSequence} rather than a {@code DataSetSequence}.
     */
    boolean hasSeveralOutputs() {
        return methods(MethodRole.FEATURES).size() > 1 || methods(MethodRole.LABEL).size() > 1;
    }

    /**
     * The methods with {@code role} in the order the sequence binds them: by their declared {@code order}, which
     * the validator found distinct where there are several.
     */
    List<ReaderMethod> bound(MethodRole role) {
        return methods(role).stream().sorted(Comparator.comparingInt(ReaderMethod::order)).collect(Collectors.toList());
    }

    /** The methods with {@code role}, in declaration order. */
    List<ReaderMethod> methods(MethodRole role) {
        return methods.stream().filter(method -> method.role() == role).collect(Collectors.toList());
    }
}
