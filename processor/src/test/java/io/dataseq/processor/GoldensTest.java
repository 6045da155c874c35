package io.dataseq.processor;

import static io.dataseq.processor.Compilations.compileStrictly;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.opentest4j.AssertionFailedError;

/** The golden-file helper fails loudly when a golden is missing, instead of passing or writing one silently. */
class GoldensTest {

    @Test
    void missingGoldenFailsAndNamesItsPath() throws NoSuchMethodException {
        assumeFalse(Boolean.getBoolean(Goldens.REGENERATE), "regenerating goldens writes the missing one instead");
        Compilation compilation =
                compileStrictly(JavaFileObjects.forResource("readers/io/dataseq/examples/mnist/Digits.java"));
        TestInfo noGolden = testInfo(getClass().getDeclaredMethod("missingGoldenFailsAndNamesItsPath"));

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> Goldens.assertMatchesGolden(
                compilation, "io.dataseq.examples.mnist.DigitsSequence", noGolden));

        assertTrue(failure.getMessage().contains(
                "goldens/GoldensTest/missingGoldenFailsAndNamesItsPath/io.dataseq.examples.mnist.DigitsSequence.java"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("-Ddataseq.regenerateGoldens=true"), failure.getMessage());
    }

    private static TestInfo testInfo(Method method) {
        return new TestInfo() {
            @Override
            public String getDisplayName() {
                return method.getName();
            }

            @Override
            public Set<String> getTags() {
                return Set.of();
            }

            @Override
            public Optional<Class<?>> getTestClass() {
                return Optional.of(method.getDeclaringClass());
            }

            @Override
            public Optional<Method> getTestMethod() {
                return Optional.of(method);
            }
        };
    }
}
