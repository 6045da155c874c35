package io.dataseq.examples.store;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import io.dataseq.files.ClassFolders;
import java.nio.file.Path;

/**
 * Digits in a folder per class, decoded as 28x28 gray images and augmented when training (a rotation of up to 10
 * degrees, a crop of 90% to 100%): a store keeps each image's 8-bit pixels, and every epoch read from it is augmented
 * anew. Generates {@code AugmentedDigitsSequence}, whose {@code fromStore(directory)} needs no folders at all.
 */
@DataSequence(batchSize = 64, shuffle = true, seed = 17)
public record AugmentedDigits(ClassFolders folders) {

    @Size
    public int size() {
        return folders.size();
    }

    @Features
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY, rotateDegrees = 10, cropScale = 0.9)
    @Describe
    public Path file(int record) {
        return folders.file(record);
    }

    @Label(classes = 10)
    public int digit(int record) {
        return folders.classOf(record);
    }
}
