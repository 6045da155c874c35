package io.dataseq.processor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;

/**
 * The rules for an {@code @Image}: on a {@code @Features} or {@code @Label} method only, and values that
 * {@code ImageSpec} accepts (a size of at least 1 x 1 that fits in one array, a shape that agrees, per-channel mean
 * and std, limits and augmentation in their ranges), so that a generated sequence never fails when its class is
 * initialised. A label image (a mask) may follow the crop, rotation and mirror of the record's other augmented
 * images, with the same values, but not change its levels; and it should be resized without blending.
 */
final class ImageRules {
    /** The largest number of values a Java array, and so one image, can hold. */
    private static final long MAX_VALUES = Integer.MAX_VALUE;
    /** The interpolation that copies one source pixel, so that a mask keeps exact class numbers. */
    private static final String NEAREST = "NEAREST";
    /** The augmentation drawn once per record and applied to each of its images that declares it. */
    private static final List<String> GEOMETRY = List.of("cropScale", "rotateDegrees", "flipHorizontal");
    /** The augmentation drawn for each image on its own. */
    private static final List<String> LEVELS = List.of("brightness", "contrast");

    /**
     * {@code IMAGE_NOT_ON_FEATURES} for {@code method}, whose {@code @Image} is on neither a {@code @Features} nor
     * a {@code @Label} method, with {@code found} (its other annotation, or that it has none).
     */
    Diagnostic notOnOutput(Element method, ImageDeclaration image, String signature, String found) {
        return Diagnostic.of(Message.IMAGE_NOT_ON_FEATURES, method, image.annotation().mirror(), null, "@Image",
                signature, found);
    }

    /**
     * The rules about the values of {@code image} on {@code method}, a {@code @Features} or {@code @Label} method of
     * an image type.
     */
    void check(ReaderMethod method, ImageDeclaration image, List<Diagnostic> diagnostics) {
        boolean sized = atLeast(method, image, "height", image.height(), 1, diagnostics)
                & atLeast(method, image, "width", image.width(), 1, diagnostics);
        if (sized) {
            long values = (long) image.channelCount() * image.height() * image.width();
            if (values > MAX_VALUES) {
                diagnostics.add(on(method, image, Message.IMAGE_TOO_LARGE, "height", values));
            } else if (!method.shape().isEmpty() && !method.shape().equals(image.shape())) {
                diagnostics.add(Diagnostic.of(Message.IMAGE_SHAPE, method.declaration(),
                        method.annotation().mirror(), method.annotation().written("shape"),
                        method.role().display(), method.signature(), join(image.shape()), join(method.shape())));
            }
        }
        perChannel(method, image, "mean", image.mean(), diagnostics);
        perChannel(method, image, "std", image.std(), diagnostics);
        if (image.mean().stream().anyMatch(value -> !Double.isFinite(value))) {
            diagnostics.add(outOfRange(method, image, "mean", "values that are finite",
                    join(image.mean())));
        }
        if (image.std().stream().anyMatch(value -> !(value > 0) || !Double.isFinite(value))) {
            diagnostics.add(outOfRange(method, image, "std", "values above 0 (and finite)",
                    join(image.std())));
        }
        checkScale(method, image, "mean", image.mean(), diagnostics);
        checkScale(method, image, "std", image.std(), diagnostics);
        if (image.maxPixels() < 1) {
            diagnostics.add(outOfRange(method, image, "maxPixels", "of at least 1",
                    image.maxPixels()));
        }
        between(method, image, "flipHorizontal", image.flipHorizontal(), 0, 1, diagnostics);
        between(method, image, "rotateDegrees", image.rotateDegrees(), 0, 180, diagnostics);
        if (!(image.cropScale() > 0 && image.cropScale() <= 1)) {
            diagnostics.add(outOfRange(method, image, "cropScale", "above 0 and at most 1",
                    image.cropScale()));
        }
        between(method, image, "brightness", image.brightness(), 0, 1, diagnostics);
        between(method, image, "contrast", image.contrast(), 0, 1, diagnostics);
        if (method.role() == MethodRole.LABEL) {
            checkLabel(method, image, diagnostics);
        }
    }

    /**
     * A target image's levels are its values (a mask's class numbers): contrast and brightness would change them,
     * and blending on resize would turn class numbers into values that are no class. Its crop, rotation and mirror
     * are the record's ({@link #checkSharedGeometry}).
     */
    private static void checkLabel(ReaderMethod method, ImageDeclaration image, List<Diagnostic> diagnostics) {
        for (String attribute : LEVELS) {
            if (image.changed().contains(attribute)) {
                diagnostics.add(on(method, image, Message.IMAGE_LABEL_AUGMENTED, attribute, attribute,
                        value(image, attribute)));
            }
        }
        if (!image.interpolation().equals(NEAREST)) {
            diagnostics.add(on(method, image, Message.IMAGE_LABEL_INTERPOLATION, "interpolation",
                    image.interpolation()));
        }
    }

    /**
     * The crop, rotation and mirror are drawn once per record and applied to every image of the record that declares
     * them, so a label image that declares them must declare the values of every other augmented image of the
     * reader: one reported per attribute that differs, at the label's value, naming the first image it differs from.
     */
    void checkSharedGeometry(ReaderModel model, List<Diagnostic> diagnostics) {
        List<ReaderMethod> images = model.methods().stream()
                .filter(method -> method.role() == MethodRole.FEATURES || method.role() == MethodRole.LABEL)
                .filter(method -> method.image().isPresent())
                .collect(Collectors.toList());
        for (ReaderMethod label : images) {
            ImageDeclaration image = label.image().get();
            if (label.role() != MethodRole.LABEL || GEOMETRY.stream().noneMatch(image.changed()::contains)) {
                continue;
            }
            for (String attribute : GEOMETRY) {
                double value = value(image, attribute);
                images.stream()
                        .filter(other -> !other.element().equals(label.element()))
                        .filter(other -> augments(other.image().get()))
                        .filter(other -> value(other.image().get(), attribute) != value)
                        .findFirst()
                        .ifPresent(other -> diagnostics.add(on(label, image, Message.IMAGE_LABEL_GEOMETRY,
                                attribute, attribute, value, value(other.image().get(), attribute) + " in "
                                        + other.role().display() + " method " + other.signature())));
            }
        }
    }

    private static boolean augments(ImageDeclaration image) {
        return GEOMETRY.stream().anyMatch(image.changed()::contains)
                || LEVELS.stream().anyMatch(image.changed()::contains);
    }

    private static double value(ImageDeclaration image, String attribute) {
        switch (attribute) {
            case "cropScale":
                return image.cropScale();
            case "rotateDegrees":
                return image.rotateDegrees();
            case "flipHorizontal":
                return image.flipHorizontal();
            case "brightness":
                return image.brightness();
            default:
                return image.contrast();
        }
    }

    /**
     * Pixels are scaled to [0, 1] first, so a mean or std above 1 can only be in 0-255 units, as ImageNet's statistics
     * are often published ({@code 123.675, 116.28, 103.53}): the message gives them divided by 255. (A std of
     * {@code 1.0 / 255}, to keep 0-255 values, is below 1.)
     */
    private static void checkScale(ReaderMethod method, ImageDeclaration image, String attribute, List<Double> values,
            List<Diagnostic> diagnostics) {
        if (values.stream().allMatch(Double::isFinite) && values.stream().anyMatch(value -> value > 1)) {
            String scaled = values.stream()
                    .map(value -> BigDecimal.valueOf(value / 255).setScale(3, RoundingMode.HALF_UP)
                            .stripTrailingZeros().toPlainString())
                    .collect(Collectors.joining(", "));
            diagnostics.add(on(method, image, Message.IMAGE_STATISTICS_SCALE, attribute, attribute, join(values),
                    scaled));
        }
    }

    private static boolean atLeast(ReaderMethod method, ImageDeclaration image, String attribute, long value,
            long least, List<Diagnostic> diagnostics) {
        if (value >= least) {
            return true;
        }
        diagnostics.add(outOfRange(method, image, attribute, "of at least " + least, value));
        return false;
    }

    private static void between(ReaderMethod method, ImageDeclaration image, String attribute, double value,
            double least, double most, List<Diagnostic> diagnostics) {
        if (!(value >= least && value <= most)) {
            diagnostics.add(outOfRange(method, image, attribute,
                    "from " + format(least) + " to " + format(most), value));
        }
    }

    private static void perChannel(ReaderMethod method, ImageDeclaration image, String attribute,
            List<Double> values, List<Diagnostic> diagnostics) {
        int channels = image.channelCount();
        if (values.size() > 1 && values.size() != channels) {
            diagnostics.add(on(method, image, Message.IMAGE_VALUES_COUNT, attribute, attribute,
                    channels + " for " + image.channels(), values.size() + ": {" + join(values) + "}"));
        }
    }

    /** {@code IMAGE_VALUE_RANGE}: {@code attribute} must be {@code rule}, and is {@code found}. */
    private static Diagnostic outOfRange(ReaderMethod method, ImageDeclaration image, String attribute, String rule,
            Object found) {
        return on(method, image, Message.IMAGE_VALUE_RANGE, attribute, attribute, rule, found);
    }

    /**
     * A diagnostic on {@code method}'s {@code @Image}, at {@code attribute}'s value if the user wrote one; the
     * arguments after the role and signature are {@code more}.
     */
    private static Diagnostic on(ReaderMethod method, ImageDeclaration image, Message message, String attribute,
            Object... more) {
        Object[] args = new Object[more.length + 2];
        args[0] = method.role().display();
        args[1] = method.signature();
        System.arraycopy(more, 0, args, 2, more.length);
        return Diagnostic.of(message, method.declaration(), image.annotation().mirror(),
                image.annotation().written(attribute), args);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
