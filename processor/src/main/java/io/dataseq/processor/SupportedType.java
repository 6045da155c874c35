package io.dataseq.processor;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The return types a {@code @Features} or {@code @Label} method may have, and the {@code ReaderBinding.Builder}
 * method that binds each. The processor's copy of {@code io.dataseq.binding.ValueType} (it cannot load the runtime);
 * {@code SupportedTypeTest} checks the two agree.
 */
enum SupportedType {
    FLOAT_ARRAY("float[]", "float[]", "floatFeatures", "floatLabel"),
    ND_ARRAY(RuntimeNames.INDARRAY, "INDArray", "arrayFeatures", "arrayLabel"),
    CLASS_INDEX("int", "int", null, "classLabel");

    private final String javaType;
    private final String display;
    private final String featuresBinder;
    private final String labelBinder;

    SupportedType(String javaType, String display, String featuresBinder, String labelBinder) {
        this.javaType = javaType;
        this.display = display;
        this.featuresBinder = featuresBinder;
        this.labelBinder = labelBinder;
    }

    /** The canonical name of the Java type, as {@link TypeNames#canonical} writes it. */
    String javaType() {
        return javaType;
    }

    /** Whether the type needs a declared shape (it is an array, not a class index). */
    boolean hasShape() {
        return this != CLASS_INDEX;
    }

    /** The {@code ReaderBinding.Builder} method that binds a method of this type in {@code role}. */
    String binder(MethodRole role) {
        return role == MethodRole.LABEL ? labelBinder : featuresBinder;
    }

    /** The Java types allowed for labels (or features), in declaration order, as {@code ValueType.javaTypes}. */
    static List<String> javaTypes(boolean forLabels) {
        return allowed(forLabels).stream().map(SupportedType::javaType).collect(Collectors.toList());
    }

    /** The allowed types for {@code role} as a message lists them, e.g. {@code float[] or INDArray}. */
    static String describe(MethodRole role) {
        List<String> names = allowed(role == MethodRole.LABEL).stream()
                .map(type -> type.display)
                .collect(Collectors.toList());
        String last = names.remove(names.size() - 1);
        return names.isEmpty() ? last : String.join(", ", names) + " or " + last;
    }

    /** The supported type with canonical name {@code javaType} for {@code role}, if there is one. */
    static Optional<SupportedType> of(String javaType, MethodRole role) {
        return allowed(role == MethodRole.LABEL).stream().filter(type -> type.javaType.equals(javaType)).findFirst();
    }

    private static List<SupportedType> allowed(boolean forLabels) {
        return Arrays.stream(values())
                .filter(type -> forLabels ? type.labelBinder != null : type.featuresBinder != null)
                .collect(Collectors.toList());
    }
}
