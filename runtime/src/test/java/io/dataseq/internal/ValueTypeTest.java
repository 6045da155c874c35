package io.dataseq.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The supported types name real classes, and the image types are features or labels that need {@code @Image}. */
class ValueTypeTest {

    @Test
    void typesWithoutImageAreUnchanged() {
        assertEquals(List.of("float[]", INDArray.class.getCanonicalName()), ValueType.javaTypes(false));
        assertEquals(List.of("float[]", INDArray.class.getCanonicalName(), "int"), ValueType.javaTypes(true));
    }

    @Test
    void imageTypesAreFeaturesOrLabelsAndNeedImage() {
        assertEquals(List.of(Path.class.getCanonicalName(), File.class.getCanonicalName(),
                String.class.getCanonicalName(), "byte[]", Mat.class.getCanonicalName()), ValueType.imageJavaTypes());
        for (ValueType type : ValueType.values()) {
            boolean image = ValueType.imageJavaTypes().contains(type.javaType());
            assertEquals(image, type.needsImage(), type.name());
            if (image) {
                assertTrue(type.allowedForFeatures(), type.name());
                assertTrue(type.allowedForLabels(), type.name());
            }
        }
    }
}
