package io.dataseq.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.ClassName;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processor names the runtime's types by strings ({@link RuntimeNames}), so a type the runtime moves or removes
 * would only show as generated code that does not compile; this names it instead.
 */
class RuntimeNamesTest {

    @Test
    void everyNamedTypeExists() throws IllegalAccessException {
        List<String> missing = new ArrayList<>();
        for (Field field : RuntimeNames.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() == int.class) {
                continue;
            }
            Object value = field.get(null);
            String name = value instanceof ClassName className ? className.reflectionName() : (String) value;
            try {
                Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(field.getName() + " = " + name);
            }
        }
        assertEquals(List.of(), missing, "RuntimeNames that name no type on the runtime's class path");
    }
}
