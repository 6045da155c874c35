package io.dataseq.dl4j;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import java.nio.file.Path;
import java.util.List;

/**
 * An image reader as a user writes it: MNIST digit files, the digit being the name of the file's directory. The
 * annotations are here for the reader; {@link DigitsSequence} is what the processor would generate from them.
 */
@DataSequence(batchSize = 16)
class Digits {
    static final int SIZE = 28;

    private final List<Path> files;

    Digits(List<Path> files) {
        this.files = List.copyOf(files);
    }

    @Size
    int size() {
        return files.size();
    }

    @Features
    @Image(height = SIZE, width = SIZE, channels = Image.Channels.GRAY)
    Path image(int record) {
        return files.get(record);
    }

    @Label(classes = 10)
    int digit(int record) {
        Path directory = files.get(record).getParent();
        return directory == null ? 0 : Integer.parseInt(directory.getFileName().toString());
    }

    @Describe
    Path file(int record) {
        return files.get(record);
    }
}
