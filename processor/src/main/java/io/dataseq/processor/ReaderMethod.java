package io.dataseq.processor;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.ExecutableType;

/**
 * One annotated method of a reader, as the validator checks it and the generator binds it.
 *
 * @param element the declaration the generated code calls: the reader's own, or one it inherits (see
 *     {@link AnnotatedMethods}); its annotations may be written on a declaration it overrides
 * @param type the method as a member of the reader, a supertype's type variables replaced
 * @param declaration where diagnostics about the method point: the method, or for a record's implicit accessor,
 *     the field of the record component that carries the annotation; for an inherited method, its annotated
 *     declaration, or the reader when that is in a class file
 * @param owner what messages put before the name of an inherited method, e.g. {@code "Base."}; empty for the
 *     reader's own
 * @param inaccessible {@code "protected"} or {@code "package-private"} for a method inherited from another package,
 *     which the generated sequence cannot call; empty otherwise
 * @param returnType the canonical return type, e.g. {@code float[]} (see {@link TypeNames#canonical})
 * @param returnTypeDisplay the return type as messages show it, e.g. {@code String}
 * @param parameterTypes the canonical parameter types
 * @param parameterTypeDisplays the parameter types as messages show them
 * @param checkedExceptions the checked exceptions it declares, as messages show them
 * @param shape {@code shape} of {@code @Features} or {@code @Label}; empty otherwise
 * @param classes {@code classes} of {@code @Label}; 0 otherwise
 * @param classNames {@code names} of {@code @Label}; empty otherwise
 * @param outputName the name the runtime reports: the annotation's {@code name} where it has one, or else the
 *     method's name
 * @param order {@code order} of {@code @Features} or {@code @Label}: the position among its role's methods, -1 where
 *     it is left out; -1 for other roles
 * @param image its {@code @Image}, if it has one (whatever its role: the validator judges that)
 */
record ReaderMethod(
        ExecutableElement element,
        ExecutableType type,
        Element declaration,
        String owner,
        String inaccessible,
        MethodRole role,
        AnnotationRef annotation,
        String returnType,
        String returnTypeDisplay,
        List<String> parameterTypes,
        List<String> parameterTypeDisplays,
        List<String> checkedExceptions,
        List<Integer> shape,
        int classes,
        List<String> classNames,
        String outputName,
        int order,
        Optional<ImageDeclaration> image) {

    ReaderMethod {
        parameterTypes = List.copyOf(parameterTypes);
        parameterTypeDisplays = List.copyOf(parameterTypeDisplays);
        checkedExceptions = List.copyOf(checkedExceptions);
        shape = List.copyOf(shape);
        classNames = List.copyOf(classNames);
    }

    /** The method's simple name. */
    String name() {
        return element.getSimpleName().toString();
    }

    /**
     * The method as messages name it, e.g. {@code pixels(int, RecordContext)}, or {@code Base.pixels(int)} for one
     * the reader inherits.
     */
    String signature() {
        return owner + name() + "(" + String.join(", ", parametersAsWritten()) + ")";
    }

    /** The parameter types as messages show them, varargs as {@code int...}. */
    List<String> parametersAsWritten() {
        return TypeNames.asWritten(parameterTypeDisplays, element.isVarArgs());
    }

    /**
     * Whether it takes a {@code RecordContext} after the record (or descriptor): {@code (int, RecordContext)}, or for
     * a method that writes its row, {@code (int, RecordContext, FloatBuffer)}.
     */
    boolean takesContext() {
        return parameterTypes.size() >= 2 && parameterTypes.get(1).equals(RuntimeNames.RECORD_CONTEXT);
    }

    /**
     * Whether it takes a {@code FloatBuffer} anywhere: a method meant to write its values straight into its row of
     * the batch, which {@link MethodRules} then holds to {@code void name(int record[, RecordContext context],
     * FloatBuffer row)}.
     */
    boolean writesRow() {
        return parameterTypes.contains(RuntimeNames.FLOAT_BUFFER);
    }

    /** Whether the annotation sets {@code order}: with its default, -1, the position is left out. */
    boolean declaresOrder() {
        return annotation.written("order") != null;
    }

    boolean isPrivate() {
        return element.getModifiers().contains(Modifier.PRIVATE);
    }

    boolean isStatic() {
        return element.getModifiers().contains(Modifier.STATIC);
    }

    /** Whether it has no body: an interface's or an abstract class's method that the reader does not implement. */
    boolean isAbstract() {
        return element.getModifiers().contains(Modifier.ABSTRACT);
    }

    /** Whether it is the reader's own, not inherited. */
    boolean isOwn() {
        return owner.isEmpty();
    }
}
