package io.dataseq.processor;

import java.util.List;
import java.util.Set;

/**
 * An {@code @Image} on a reader method, read through its mirror: how the runtime is to decode (and, for training,
 * augment) the image the method returns. Kept however wrong; the validator judges it.
 *
 * @param annotation the {@code @Image}, which diagnostics point at
 * @param channels the name of the {@code Image.Channels} constant, e.g. {@code GRAY}
 * @param interpolation the name of the {@code Image.Interpolation} constant, e.g. {@code AREA}
 * @param corruptJpeg the name of the {@code Image.CorruptJpeg} constant, e.g. {@code DECODE}
 * @param changed the attributes whose value differs from their default (height and width always): the generated
 *     code sets only these
 */
record ImageDeclaration(
        AnnotationRef annotation,
        int height,
        int width,
        String channels,
        String interpolation,
        List<Double> mean,
        List<Double> std,
        long maxPixels,
        boolean reducedDecode,
        String corruptJpeg,
        double flipHorizontal,
        double rotateDegrees,
        double cropScale,
        double brightness,
        double contrast,
        Set<String> changed) {

    ImageDeclaration {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        changed = Set.copyOf(changed);
    }

    static ImageDeclaration read(AnnotationRef image) {
        return new ImageDeclaration(
                image,
                image.intValue("height"),
                image.intValue("width"),
                image.enumValue("channels"),
                image.enumValue("interpolation"),
                image.doubleValues("mean"),
                image.doubleValues("std"),
                image.longValue("maxPixels"),
                image.booleanValue("reducedDecode"),
                image.enumValue("corruptJpeg"),
                image.doubleValue("flipHorizontal"),
                image.doubleValue("rotateDegrees"),
                image.doubleValue("cropScale"),
                image.doubleValue("brightness"),
                image.doubleValue("contrast"),
                image.changedFromDefaults());
    }

    /** How many channels the features have: 1 for {@code GRAY}, 3 for {@code RGB} and {@code BGR}. */
    int channelCount() {
        return channels.equals("GRAY") ? 1 : 3;
    }

    /** The features' shape, {@code {channels, height, width}}. */
    List<Integer> shape() {
        return List.of(channelCount(), height, width);
    }
}
