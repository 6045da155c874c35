package io.dataseq.examples.training;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import java.nio.file.Path;
import java.util.List;

/**
 * The seed recipe "an image and its mask, rotated and flipped together, with several outputs": a digit, the mask
 * of its ink, and its class. The mask declares the image's rotation and mirror, so DataSeq draws them once per
 * record and applies them to both (the mask without blending); the brightness change is the image's alone. Two
 * {@code @Label}s make the generated {@code SegmentedDigitsSequence} a {@code MultiDataSetIterator} for a graph with
 * two outputs, the mask (order 0) and the class (order 1).
 */
@DataSequence(batchSize = 32, shuffle = true, seed = 5)
public record SegmentedDigits(List<Path> images, List<Path> masks, int[] digits) {
    @Size public int size() { return images.size(); }

    @Features
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY, rotateDegrees = 15, flipHorizontal = 0.5,
            brightness = 0.2)
    public Path image(int record) { return images.get(record); }

    @Label(order = 0)
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY, interpolation = Image.Interpolation.NEAREST,
            std = 1.0 / 255, rotateDegrees = 15, flipHorizontal = 0.5)
    public Path mask(int record) { return masks.get(record); }

    @Label(order = 1, classes = 10)
    public int digit(int record) { return digits[record]; }
}
