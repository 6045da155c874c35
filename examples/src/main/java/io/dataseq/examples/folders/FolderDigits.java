package io.dataseq.examples.folders;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import io.dataseq.files.ClassFolders;
import java.nio.file.Path;

/**
 * Digits in a folder per class ({@code root/0/..., root/1/..., ...}), decoded by DataSeq as 28x28 gray images.
 * Generates {@code FolderDigitsSequence}; the class names come from the folders, through the builder's
 * {@code classNames(folders.classNames())}.
 */
@DataSequence(batchSize = 64, shuffle = true, seed = 11)
public record FolderDigits(ClassFolders folders) {

    @Size
    public int size() {
        return folders.size();
    }

    @Features
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
    @Describe
    public Path file(int record) {
        return folders.file(record);
    }

    @Label(classes = 10)
    public int digit(int record) {
        return folders.classOf(record);
    }
}
