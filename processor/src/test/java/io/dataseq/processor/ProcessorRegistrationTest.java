package io.dataseq.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** How build tools find the processor: javac through the service file, Gradle through its incremental declaration. */
class ProcessorRegistrationTest {

    @Test
    void javacFindsTheProcessor() {
        assertTrue(ServiceLoader.load(Processor.class).stream()
                .anyMatch(provider -> provider.type() == DataSequenceProcessor.class));
    }

    @Test
    void gradleTreatsItAsIsolating() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/gradle/incremental.annotation.processors")) {
            assertEquals("io.dataseq.processor.DataSequenceProcessor,isolating\n",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
