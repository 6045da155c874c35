package io.dataseq.processor;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * What makes a reader a streaming reader: the descriptor its {@code @Features}, {@code @Label} and {@code @Describe}
 * methods take first, in place of an {@code int} record (see {@code docs/streaming.md}).
 *
 * <p>A reader streams when it has no {@code @Size} method and one of those methods takes a first parameter other than
 * {@code int} (and other than a {@code RecordContext} or a {@code FloatBuffer} row, which are misplaced parameters of
 * a method by record). A reader with {@code @Size} reads records by number, whatever its methods take: a method
 * taking, say, an {@code Integer} or a {@code String} there is a record parameter of the wrong type
 * ({@code RECORD_PARAMETER_TYPE}), which is far more often what happened than a streaming reader with a stray
 * {@code @Size}, and the message says how to make either.
 *
 * @param type the descriptor type, as the first method taking it declares it
 * @param canonical its canonical name (see {@link TypeNames#canonical}), to compare with other methods' parameters
 * @param display the type as messages show it
 * @param declaredBy the first method (in declaration order) that takes it: diagnostics about the type point there
 */
record Descriptor(TypeMirror type, String canonical, String display, ReaderMethod declaredBy) {
    private static final String INT = "int";

    /**
     * The descriptor of a reader with these annotated {@code methods}, or empty for a random access reader. The
     * parser works it out once and the model carries it: the validator and the generator read it from there.
     */
    static Optional<Descriptor> of(List<ReaderMethod> annotated) {
        if (annotated.stream().anyMatch(method -> method.role() == MethodRole.SIZE)) {
            return Optional.empty();
        }
        return readingMethods(annotated).stream()
                .filter(method -> takesDescriptorFirst(method.parameterTypes()))
                .findFirst()
                .map(method -> new Descriptor(method.type().getParameterTypes().get(0),
                        method.parameterTypes().get(0), method.parameterTypeDisplays().get(0), method));
    }

    /**
     * Whether {@code parameters} (canonical) begin with what would be a descriptor: anything but an {@code int}
     * record, or a {@code RecordContext} or {@code FloatBuffer} put first by mistake.
     */
    static boolean takesDescriptorFirst(List<String> parameters) {
        return !parameters.isEmpty()
                && !parameters.get(0).equals(INT)
                && !parameters.get(0).equals(RuntimeNames.RECORD_CONTEXT)
                && !parameters.get(0).equals(RuntimeNames.FLOAT_BUFFER);
    }

    /** The methods that take a record or a descriptor, in declaration order. */
    static List<ReaderMethod> readingMethods(List<ReaderMethod> annotated) {
        return annotated.stream()
                .filter(method -> method.role() != MethodRole.SIZE)
                .collect(Collectors.toList());
    }

    /** Whether the generated class can name it as a type argument: a class, interface, record or array type. */
    boolean isReference() {
        return type.getKind() == TypeKind.DECLARED || type.getKind() == TypeKind.ARRAY;
    }

    /** Whether {@code method} takes the descriptor the way its role requires. */
    boolean fits(ReaderMethod method) {
        List<String> parameters = method.parameterTypes();
        if (!isFirstParameterOf(method)) {
            return false;
        }
        if (method.role() == MethodRole.DESCRIBE) {
            return parameters.size() == 1;
        }
        return parameters.size() == 1
                || (parameters.size() == 2 && parameters.get(1).equals(RuntimeNames.RECORD_CONTEXT));
    }

    /**
     * Whether {@code method} takes this type first. Type arguments count too (the display shows them): a
     * {@code List<String>} descriptor is no {@code List<Integer>} one.
     */
    boolean isFirstParameterOf(ReaderMethod method) {
        return !method.parameterTypes().isEmpty()
                && method.parameterTypes().get(0).equals(canonical)
                && method.parameterTypeDisplays().get(0).equals(display);
    }

    /** The parameters {@code method}'s role requires, as a message shows them. */
    String expected(ReaderMethod method) {
        return method.role() == MethodRole.DESCRIBE
                ? "(" + display + " descriptor)"
                : "(" + display + " descriptor) or (" + display + " descriptor, RecordContext context)";
    }
}
