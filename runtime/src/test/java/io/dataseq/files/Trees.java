package io.dataseq.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small folder trees for the tests, and where the bundled MNIST JPEGs are. */
final class Trees {
    /** 2,500 28x28 JPEGs in folders 0..9, and labels.csv (image_name,label); relative to the runtime module. */
    static final Path MNIST = Path.of("..", "examples", "data", "mnist-jpg");
    static final int MNIST_FILES = 2500;

    private Trees() {}

    /** Creates each file (and its folders) under {@code root}, holding its own relative path. */
    static void files(Path root, String... relativePaths) throws IOException {
        for (String relative : relativePaths) {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, relative);
        }
    }

    /** Writes {@code text} as UTF-8 (no byte order mark) to {@code file}. */
    static Path text(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
