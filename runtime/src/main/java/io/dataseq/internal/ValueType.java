package io.dataseq.internal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Java types a {@code @Features} or {@code @Label} method may return: the one list of what the runtime can
 * batch. The processor keeps its own copy (it must not load ND4J), and a test checks the two agree.
 *
 * <p>Some types are encoded images: a {@code @Features} or {@code @Label} method may return them only with
 * {@code @Image} ({@link #needsImage()}), which declares how to decode them; the generated code binds them with
 * {@code ReaderBinding.Builder.imageFeatures}, or {@code imageLabel} for a target image such as a segmentation mask,
 * wrapping the value with {@code ImageSource.of}.
 */
public enum ValueType {
    /** {@code float[]} in C order, for features and labels; needs a declared shape. */
    FLOAT_ARRAY("float[]", true, true, false),
    /** An ND4J array of the declared shape, for features and labels. */
    ND_ARRAY("org.nd4j.linalg.api.ndarray.INDArray", true, true, false),
    /** A class index, for labels only; needs {@code classes}, written one-hot. */
    CLASS_INDEX("int", false, true, false),
    /** An image file, for features and labels with {@code @Image}. */
    PATH("java.nio.file.Path", true, true, true),
    /** An image file, for features and labels with {@code @Image}. */
    FILE("java.io.File", true, true, true),
    /** An image file's path, for features and labels with {@code @Image}. */
    STRING("java.lang.String", true, true, true),
    /** An encoded image (a file's bytes), for features and labels with {@code @Image}. */
    BYTES("byte[]", true, true, true),
    /**
     * A decoded OpenCV image (8-bit gray, BGR or BGRA), for features and labels with {@code @Image}; released after
     * use.
     */
    MAT("org.bytedeco.opencv.opencv_core.Mat", true, true, true);

    private final String javaType;
    private final boolean feature;
    private final boolean label;
    private final boolean image;

    ValueType(String javaType, boolean feature, boolean label, boolean image) {
        this.javaType = javaType;
        this.feature = feature;
        this.label = label;
        this.image = image;
    }

    /** The canonical name of the Java type, as the processor sees it. */
    public String javaType() {
        return javaType;
    }

    /** Whether a {@code @Features} method may return it. */
    public boolean allowedForFeatures() {
        return feature;
    }

    /** Whether a {@code @Label} method may return it. */
    public boolean allowedForLabels() {
        return label;
    }

    /**
     * Whether it is an encoded image, allowed only on a {@code @Features} or {@code @Label} method that also has
     * {@code @Image} (and then the only kind allowed there).
     */
    public boolean needsImage() {
        return image;
    }

    /**
     * The Java types allowed for features (or labels) without {@code @Image}, in declaration order. The image types
     * are in {@link #imageJavaTypes()}.
     */
    public static List<String> javaTypes(boolean forLabels) {
        return Arrays.stream(values())
                .filter(type -> !type.image && (forLabels ? type.label : type.feature))
                .map(ValueType::javaType)
                .collect(Collectors.toList());
    }

    /**
     * The Java types a {@code @Features} or {@code @Label} method with {@code @Image} may return, in declaration
     * order: the same for both roles.
     */
    public static List<String> imageJavaTypes() {
        return Arrays.stream(values())
                .filter(type -> type.image)
                .map(ValueType::javaType)
                .collect(Collectors.toList());
    }
}
