package io.dataseq.processor;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The return types a {@code @Features} or {@code @Label} method may have, and the {@code ReaderBinding.Builder}
 * method that binds each. The processor's copy of {@code io.dataseq.internal.ValueType} (it cannot load the runtime);
 * {@code SupportedTypeTest} checks the two agree.
 */
enum SupportedType {
    FLOAT_ARRAY("float[]", "float[]", "floatFeatures", "floatLabel"),
    ND_ARRAY(RuntimeNames.INDARRAY, "INDArray", "arrayFeatures", "arrayLabel"),
    CLASS_INDEX("int", "int", null, "classLabel"),
    // Encoded images, decoded by the runtime as an @Image declaration says: features or labels (a segmentation mask),
    // and only with @Image.
    PATH("java.nio.file.Path", "Path", "imageFeatures", "imageLabel", true),
    FILE("java.io.File", "File", "imageFeatures", "imageLabel", true),
    STRING("java.lang.String", "String", "imageFeatures", "imageLabel", true),
    BYTES("byte[]", "byte[]", "imageFeatures", "imageLabel", true),
    MAT("org.bytedeco.opencv.opencv_core.Mat", "Mat", "imageFeatures", "imageLabel", true);

    private final String javaType;
    private final String display;
    private final String featuresBinder;
    private final String labelBinder;
    private final boolean image;

    SupportedType(String javaType, String display, String featuresBinder, String labelBinder) {
        this(javaType, display, featuresBinder, labelBinder, false);
    }

    SupportedType(String javaType, String display, String featuresBinder, String labelBinder, boolean image) {
        this.javaType = javaType;
        this.display = display;
        this.featuresBinder = featuresBinder;
        this.labelBinder = labelBinder;
        this.image = image;
    }

    /**
     * Whether it is an encoded image, allowed only on a {@code @Features} or {@code @Label} method that also has
     * {@code @Image}.
     */
    boolean needsImage() {
        return image;
    }

    /** The image type with canonical name {@code javaType}, if it is one. */
    static Optional<SupportedType> image(String javaType) {
        return Arrays.stream(values()).filter(type -> type.image && type.javaType.equals(javaType)).findFirst();
    }

    /** The image types as a message lists them: {@code Path, File, String, byte[] or Mat}. */
    static String describeImages() {
        List<String> names = Arrays.stream(values()).filter(type -> type.image).map(type -> type.display)
                .collect(Collectors.toList());
        String last = names.remove(names.size() - 1);
        return String.join(", ", names) + " or " + last;
    }

    /** The Java types an {@code @Image} features or label method may return, as {@code ValueType.imageJavaTypes}. */
    static List<String> imageJavaTypes() {
        return Arrays.stream(values()).filter(type -> type.image).map(SupportedType::javaType)
                .collect(Collectors.toList());
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

    /** The types allowed without {@code @Image}; with it, only the {@link #image} types are. */
    private static List<SupportedType> allowed(boolean forLabels) {
        return Arrays.stream(values())
                .filter(type -> !type.image)
                .filter(type -> forLabels ? type.labelBinder != null : type.featuresBinder != null)
                .collect(Collectors.toList());
    }
}
