package io.dataseq.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataseq.internal.ValueType;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The processor's copy of the supported types, checked against the runtime's {@link ValueType}. */
class SupportedTypeTest {

    @Test
    void featureTypesMatchRuntime() {
        assertEquals(ValueType.javaTypes(false), SupportedType.javaTypes(false));
    }

    @Test
    void labelTypesMatchRuntime() {
        assertEquals(ValueType.javaTypes(true), SupportedType.javaTypes(true));
    }

    @Test
    void imageTypesMatchRuntime() {
        assertEquals(ValueType.imageJavaTypes(), SupportedType.imageJavaTypes());
    }

    @Test
    void constantsMatchRuntime() {
        assertEquals(
                Arrays.stream(ValueType.values()).map(Enum::name).collect(Collectors.toList()),
                Arrays.stream(SupportedType.values()).map(Enum::name).collect(Collectors.toList()));
    }
}
