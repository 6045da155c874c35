package io.dataseq.examples.folders;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import io.dataseq.files.ClassFolders;
import java.nio.file.Path;

/** {@link FolderDigits} with every augmentation on, for the determinism tests. */
@DataSequence(batchSize = 32, shuffle = true, seed = 3)
public record AugmentedFolderDigits(ClassFolders folders) {

    @Size
    public int size() {
        return folders.size();
    }

    @Features
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY, flipHorizontal = 0.5, rotateDegrees = 15,
            cropScale = 0.8, brightness = 0.2, contrast = 0.2)
    public Path digit(int record) {
        return folders.file(record);
    }

    @Label(classes = 10)
    public int label(int record) {
        return folders.classOf(record);
    }
}
