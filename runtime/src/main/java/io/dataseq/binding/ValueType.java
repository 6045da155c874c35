package io.dataseq.binding;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Java types a {@code @Features} or {@code @Label} method may return: the one list of what the runtime can
 * batch. The processor keeps its own copy (it must not load ND4J), and a test checks the two agree.
 */
public enum ValueType {
    /** {@code float[]} in C order, for features and labels; needs a declared shape. */
    FLOAT_ARRAY("float[]", true, true),
    /** An ND4J array of the declared shape, for features and labels. */
    ND_ARRAY("org.nd4j.linalg.api.ndarray.INDArray", true, true),
    /** A class index, for labels only; needs {@code classes}, written one-hot. */
    CLASS_INDEX("int", false, true);

    private final String javaType;
    private final boolean feature;
    private final boolean label;

    ValueType(String javaType, boolean feature, boolean label) {
        this.javaType = javaType;
        this.feature = feature;
        this.label = label;
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

    /** The Java types allowed for features (or labels), in declaration order. */
    public static List<String> javaTypes(boolean forLabels) {
        return Arrays.stream(values())
                .filter(type -> forLabels ? type.label : type.feature)
                .map(ValueType::javaType)
                .collect(Collectors.toList());
    }
}
