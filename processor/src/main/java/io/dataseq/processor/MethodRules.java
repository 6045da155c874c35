package io.dataseq.processor;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;

/**
 * The rules for one annotated method: how the generated sequence may call it ({@code private}, {@code static},
 * parameters) and what it returns (type, shape, classes; for {@code @Describe}, anything but void). Once the return
 * type is wrong, the rules about shape and classes are skipped: they would only repeat it.
 */
final class MethodRules {
    private static final String INT = "int";
    private static final String VOID = "void";
    /** The most values one Java array, and so one record's input or output, can hold. */
    private static final BigInteger MAX_VALUES = BigInteger.valueOf(Integer.MAX_VALUE);

    private final ImageRules imageRules = new ImageRules();

    void check(ReaderMethod method, List<Diagnostic> diagnostics) {
        check(method, true, diagnostics);
    }

    /**
     * @param recordParameters whether the method must take an {@code int} record: false for a streaming reader, whose
     *     parameters {@link StreamingRules} checks
     */
    void check(ReaderMethod method, boolean recordParameters, List<Diagnostic> diagnostics) {
        if (method.isPrivate()) {
            diagnostics.add(on(method, Message.METHOD_PRIVATE, null));
        }
        if (method.isStatic()) {
            diagnostics.add(on(method, Message.METHOD_STATIC, null));
        }
        switch (method.role()) {
            case SIZE -> checkSize(method, diagnostics);
            case DESCRIBE -> checkDescribe(method, recordParameters, diagnostics);
            default -> {
                if (method.writesRow()) {
                    // In a streaming reader, StreamingRules says that rows are not written there; nothing to add.
                    if (recordParameters) {
                        checkRowWriter(method, diagnostics);
                    }
                    return;
                }
                if (recordParameters) {
                    checkParameters(method, diagnostics);
                }
                checkOutput(method, diagnostics);
            }
        }
    }

    private static void checkSize(ReaderMethod method, List<Diagnostic> diagnostics) {
        if (!method.returnType().equals(INT) || !method.parameterTypes().isEmpty()) {
            diagnostics.add(on(method, Message.SIZE_SIGNATURE, null, method.returnTypeDisplay(), method.name()));
        }
        // SizeMethod.size declares no exception: the bound method reference would not compile.
        if (!method.checkedExceptions().isEmpty()) {
            diagnostics.add(on(method, Message.SIZE_THROWS, null, String.join(", ", method.checkedExceptions())));
        }
    }

    /**
     * Any return type will do, primitives too (the binding boxes them): only its {@code toString()} is used. Checked
     * exceptions are fine as well, since {@code DescribeMethod.describe} throws {@code Exception}.
     */
    private static void checkDescribe(ReaderMethod method, boolean recordParameters, List<Diagnostic> diagnostics) {
        if (recordParameters && Descriptor.takesDescriptorFirst(method.parameterTypes())) {
            diagnostics.add(wrongRecordType(method));
        } else if (recordParameters && !method.parameterTypes().equals(List.of(INT))) {
            diagnostics.add(on(method, Message.DESCRIBE_PARAMETERS, null));
        }
        if (method.returnType().equals(VOID)) {
            diagnostics.add(on(method, Message.RETURNS_VOID, null, "what names the record, e.g. its Path"));
        }
    }

    private static void checkParameters(ReaderMethod method, List<Diagnostic> diagnostics) {
        List<String> parameters = method.parameterTypes();
        if (Descriptor.takesDescriptorFirst(parameters)) {
            diagnostics.add(wrongRecordType(method));
            return;
        }
        boolean fits = (parameters.size() == 1 || parameters.size() == 2)
                && parameters.get(0).equals(INT)
                && (parameters.size() == 1 || parameters.get(1).equals(RuntimeNames.RECORD_CONTEXT));
        if (!fits) {
            diagnostics.add(on(method, Message.METHOD_PARAMETERS, null));
        }
    }

    /**
     * {@code RECORD_PARAMETER_TYPE}: a method of a random access reader (one with {@code @Size}) takes something
     * else than an {@code int} record first, e.g. an {@code Integer}, a {@code long}, a {@code String} or
     * {@code int...}. Only the first parameter is wrong, so the declaration it shows keeps the context.
     */
    private static Diagnostic wrongRecordType(ReaderMethod method) {
        String parameters = method.role() != MethodRole.DESCRIBE && method.takesContext()
                ? "int record, RecordContext context"
                : "int record";
        String declaration = method.returnTypeDisplay() + " " + method.name() + "(" + parameters + ")";
        // At the parameter that is wrong, not at the annotation.
        return Diagnostic.of(Message.RECORD_PARAMETER_TYPE, method.element().getParameters().get(0), null, null,
                method.role().display(), method.signature(), method.parametersAsWritten().get(0), declaration);
    }

    /**
     * A method that takes a {@code FloatBuffer} writes its record into its row of the batch, bound with
     * {@code directFeatures}: {@code void name(int record[, RecordContext context], FloatBuffer row)}, with a shape.
     * The row comes last, as in the runtime's {@code DirectMethod.write(reader, record, context, row)}: what to
     * read first, where to put it last. The runtime has no such binding for labels or images, whose rules are
     * therefore the first reported; once the method is no row writer at all, the rest would only repeat it.
     */
    private static void checkRowWriter(ReaderMethod method, List<Diagnostic> diagnostics) {
        if (method.role() == MethodRole.LABEL) {
            diagnostics.add(on(method, Message.DIRECT_LABEL, null));
            return;
        }
        if (method.image().isPresent()) {
            diagnostics.add(on(method, Message.DIRECT_IMAGE, null));
            return;
        }
        List<String> parameters = method.parameterTypes();
        boolean fits = parameters.equals(List.of(INT, RuntimeNames.FLOAT_BUFFER))
                || parameters.equals(List.of(INT, RuntimeNames.RECORD_CONTEXT, RuntimeNames.FLOAT_BUFFER));
        if (!fits) {
            diagnostics.add(on(method, Message.DIRECT_PARAMETERS, null));
        }
        if (!method.returnType().equals(VOID)) {
            diagnostics.add(on(method, Message.DIRECT_RETURNS_VALUE, null, method.returnTypeDisplay()));
        }
        checkShape(method, "writes into a FloatBuffer row", diagnostics);
    }

    private void checkOutput(ReaderMethod method, List<Diagnostic> diagnostics) {
        // Only @Features and @Label methods get here: @Image decodes an input, or a target such as a mask.
        boolean image = method.image().isPresent();
        String allowed = image ? SupportedType.describeImages() : SupportedType.describe(method.role());
        if (method.returnType().equals(VOID)) {
            // Only input values may be written into the batch instead, and not an image to decode.
            String fix = method.role() == MethodRole.FEATURES && !image
                    ? allowed + "; or write the values into the batch: take a FloatBuffer row after the record"
                    : allowed;
            diagnostics.add(on(method, Message.RETURNS_VOID, null, fix));
            return;
        }
        if (image) {
            if (SupportedType.image(method.returnType()).isEmpty()) {
                diagnostics.add(on(method, Message.IMAGE_TYPE, null, allowed, method.returnTypeDisplay()));
            } else {
                imageRules.check(method, method.image().get(), diagnostics);
                checkNotClassAttribute(method, "classes", method.classes() != 0, diagnostics);
                checkNotClassAttribute(method, "names", !method.classNames().isEmpty(), diagnostics);
            }
            return;
        }
        Optional<SupportedType> type = SupportedType.of(method.returnType(), method.role());
        // A String label is far more often a class's name than a mask's file name: say what a label must be.
        if (type.isEmpty() && !image && method.role() == MethodRole.LABEL
                && method.returnType().equals("java.lang.String")) {
            diagnostics.add(on(method, Message.LABEL_CLASS_NAME, null));
            return;
        }
        if (type.isEmpty() && SupportedType.image(method.returnType()).isPresent()) {
            diagnostics.add(on(method, Message.IMAGE_MISSING, null, method.returnTypeDisplay()));
            return;
        }
        if (type.isEmpty()) {
            Message message = method.role() == MethodRole.LABEL ? Message.LABEL_TYPE : Message.FEATURES_TYPE;
            diagnostics.add(on(method, message, null, allowed, method.returnTypeDisplay()));
            return;
        }
        if (type.get().hasShape()) {
            checkShape(method, "returns " + method.returnTypeDisplay(), diagnostics);
            checkNotClassAttribute(method, "classes", method.classes() != 0, diagnostics);
            checkNotClassAttribute(method, "names", !method.classNames().isEmpty(), diagnostics);
        } else {
            checkClasses(method, diagnostics);
        }
    }

    /** @param values what the method does with its values, as {@code SHAPE_MISSING} says it: "returns float[]" */
    private static void checkShape(ReaderMethod method, String values, List<Diagnostic> diagnostics) {
        List<Integer> shape = method.shape();
        if (shape.isEmpty()) {
            String example = method.role() == MethodRole.LABEL ? "{3}" : "{1, 28, 28}";
            diagnostics.add(on(method, Message.SHAPE_MISSING, "shape", values, example));
        } else if (shape.stream().anyMatch(dimension -> dimension < 1)) {
            diagnostics.add(on(method, Message.SHAPE_DIMENSION, "shape", join(shape)));
        } else {
            // The runtime multiplies them as ints, in the generated class's static initialiser: it must not overflow.
            BigInteger count = shape.stream().map(BigInteger::valueOf).reduce(BigInteger.ONE, BigInteger::multiply);
            if (count.compareTo(MAX_VALUES) > 0) {
                diagnostics.add(on(method, Message.SHAPE_TOO_LARGE, "shape", count));
            }
        }
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static void checkNotClassAttribute(
            ReaderMethod method, String attribute, boolean isSet, List<Diagnostic> diagnostics) {
        // @Features has neither attribute, so this is only ever about a label.
        if (isSet) {
            diagnostics.add(on(method, Message.CLASS_ATTRIBUTE_ON_ARRAY_LABEL, attribute, method.returnTypeDisplay(),
                    attribute));
        }
    }

    private static void checkClasses(ReaderMethod method, List<Diagnostic> diagnostics) {
        int classes = method.classes();
        if (classes == 0) {
            diagnostics.add(on(method, Message.CLASSES_MISSING, "classes"));
        } else if (classes < 2) {
            diagnostics.add(on(method, Message.CLASSES_TOO_FEW, "classes", classes));
        } else if (!method.classNames().isEmpty() && method.classNames().size() != classes) {
            diagnostics.add(on(method, Message.NAMES_COUNT, "names", classes, method.classNames().size()));
        }
        List<String> repeated = repeated(method.classNames());
        if (!repeated.isEmpty()) {
            String found = repeated.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", "));
            diagnostics.add(on(method, Message.NAMES_DUPLICATE, "names", found));
        }
        // A shape on a class index is either {classes}, which says nothing new, or a contradiction; with classes
        // wrong, which of the two it is cannot be told.
        if (!method.shape().isEmpty() && classes >= 2) {
            if (method.shape().equals(List.of(classes))) {
                diagnostics.add(on(method, Message.SHAPE_ON_CLASS_LABEL, "shape", join(method.shape())));
            } else {
                diagnostics.add(on(method, Message.SHAPE_CONTRADICTS_CLASSES, "shape", classes,
                        join(method.shape())));
            }
        }
    }

    /** The names that occur more than once in {@code names}, each once, in the order of their second occurrence. */
    private static List<String> repeated(List<String> names) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                repeated.add(name);
            }
        }
        return List.copyOf(repeated);
    }

    /**
     * A diagnostic on {@code method}, pointing at its annotation and at {@code attribute}'s value if the user wrote
     * one; the arguments after the role and signature are {@code more}.
     */
    private static Diagnostic on(ReaderMethod method, Message message, String attribute, Object... more) {
        AnnotationMirror mirror = method.annotation().mirror();
        Object[] args = new Object[more.length + 2];
        args[0] = method.role().display();
        args[1] = method.signature();
        System.arraycopy(more, 0, args, 2, more.length);
        return Diagnostic.of(message, method.declaration(), mirror,
                attribute == null ? null : method.annotation().written(attribute), args);
    }
}
