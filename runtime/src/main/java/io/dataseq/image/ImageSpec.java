package io.dataseq.image;

import io.dataseq.annotation.Image;
import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.CorruptJpeg;
import io.dataseq.annotation.Image.Interpolation;
import java.util.Arrays;
import java.util.Objects;

/**
 * What an {@link Image @Image} declares, as a checked, immutable value: the size, channels, resize filter and
 * normalisation of decoded images, and the limits on decoding them. The generated code builds one per
 * {@code @Image} method, e.g.
 * {@code ImageSpec.builder(224, 224).channels(Image.Channels.RGB).mean(0.485, 0.456, 0.406).build()}.
 */
public final class ImageSpec {
    private final int height;
    private final int width;
    private final Channels channels;
    private final Interpolation interpolation;
    private final float[] mean;
    private final float[] std;
    private final long maxPixels;
    private final boolean reducedDecode;
    private final CorruptJpeg corruptJpeg;
    private final double flipHorizontal;
    private final double rotateDegrees;
    private final double cropScale;
    private final double brightness;
    private final double contrast;

    private ImageSpec(Builder builder) {
        this.height = builder.height;
        this.width = builder.width;
        this.channels = builder.channels;
        this.interpolation = builder.interpolation;
        this.maxPixels = builder.maxPixels;
        this.reducedDecode = builder.reducedDecode;
        this.corruptJpeg = builder.corruptJpeg;
        this.flipHorizontal = inRange("flipHorizontal", builder.flipHorizontal, 0, 1);
        this.rotateDegrees = inRange("rotateDegrees", builder.rotateDegrees, 0, 180);
        this.cropScale = inRange("cropScale", builder.cropScale, Double.MIN_VALUE, 1);
        this.brightness = inRange("brightness", builder.brightness, 0, 1);
        this.contrast = inRange("contrast", builder.contrast, 0, 1);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("an image needs a height and width of at least 1, not " + height
                    + "x" + width);
        }
        if ((long) channels.count() * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an image of " + channels.count() + "x" + height + "x" + width
                    + " has more than 2^31 - 1 values");
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be at least 1, not " + maxPixels);
        }
        this.mean = perChannel("mean", builder.mean, 0f);
        this.std = perChannel("std", builder.std, 1f);
        for (int c = 0; c < mean.length; c++) {
            if (!Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("mean " + Arrays.toString(builder.mean) + " must be finite");
            }
            if (!(std[c] > 0) || !Float.isFinite(std[c])) {
                throw new IllegalArgumentException("std " + Arrays.toString(builder.std)
                        + " must be positive and finite");
            }
        }
    }

    /** Starts a spec of images resized to {@code height} x {@code width}, with the defaults of {@link Image}. */
    public static Builder builder(int height, int width) {
        return new Builder(height, width);
    }

    /** The height every image is resized to. */
    public int height() {
        return height;
    }

    /** The width every image is resized to. */
    public int width() {
        return width;
    }

    /** The channels of the features, in order. */
    public Channels channels() {
        return channels;
    }

    /** How images are resized. */
    public Interpolation interpolation() {
        return interpolation;
    }

    /** The mean subtracted from channel {@code c} after scaling to [0, 1]. */
    public float mean(int c) {
        return mean[c];
    }

    /** The standard deviation channel {@code c} is divided by. */
    public float std(int c) {
        return std[c];
    }

    /** The most pixels a file may declare. */
    public long maxPixels() {
        return maxPixels;
    }

    /** Whether large JPEGs are decoded at reduced scale. */
    public boolean reducedDecode() {
        return reducedDecode;
    }

    /** What is done with a JPEG whose data libjpeg would warn about. */
    public CorruptJpeg corruptJpeg() {
        return corruptJpeg;
    }

    /** The probability that a training image is mirrored left to right. */
    public double flipHorizontal() {
        return flipHorizontal;
    }

    /** The largest angle, in degrees, by which a training image is rotated either way. */
    public double rotateDegrees() {
        return rotateDegrees;
    }

    /** The smallest fraction of its height and width that a random crop of a training image keeps; 1: no crop. */
    public double cropScale() {
        return cropScale;
    }

    /** The largest change of brightness of a training image, as a fraction of the full range. */
    public double brightness() {
        return brightness;
    }

    /** The largest change of contrast of a training image. */
    public double contrast() {
        return contrast;
    }

    /** Whether training images are augmented at all: whether any augmentation attribute is not its default. */
    public boolean augments() {
        return flipHorizontal > 0 || rotateDegrees > 0 || cropScale < 1 || brightness > 0 || contrast > 0;
    }

    /** The shape of one image's features: {@code {channels, height, width}}. */
    public int[] shape() {
        return new int[] {channels.count(), height, width};
    }

    /** The number of float values of one image: channels x height x width. */
    public int length() {
        return channels.count() * height * width;
    }

    /** What a channel-{@code c} value is for a pixel of {@code pixel} (0..255), computed as the decoder does. */
    public float normalise(int c, int pixel) {
        return pixel * scale(c) + offset(c);
    }

    /** The factor of the affine map from a 0..255 pixel of channel {@code c} to its value. */
    float scale(int c) {
        return 1f / (255f * std[c]);
    }

    /** The offset of the affine map from a 0..255 pixel of channel {@code c} to its value. */
    float offset(int c) {
        return -mean[c] / std[c];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageSpec that && height == that.height && width == that.width
                && channels == that.channels && interpolation == that.interpolation
                && Arrays.equals(mean, that.mean) && Arrays.equals(std, that.std) && maxPixels == that.maxPixels
                && reducedDecode == that.reducedDecode && corruptJpeg == that.corruptJpeg
                && flipHorizontal == that.flipHorizontal
                && rotateDegrees == that.rotateDegrees && cropScale == that.cropScale
                && brightness == that.brightness && contrast == that.contrast;
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, channels, interpolation, Arrays.hashCode(mean), Arrays.hashCode(std),
                maxPixels, reducedDecode, corruptJpeg, flipHorizontal, rotateDegrees, cropScale, brightness, contrast);
    }

    @Override
    public String toString() {
        return "@Image(height = " + height + ", width = " + width + ", channels = " + channels + ", interpolation = "
                + interpolation + ", mean = " + Arrays.toString(mean) + ", std = " + Arrays.toString(std)
                + ", maxPixels = " + maxPixels + ", reducedDecode = " + reducedDecode
                + (corruptJpeg != CorruptJpeg.DECODE ? ", corruptJpeg = " + corruptJpeg : "")
                + (augments() ? ", flipHorizontal = " + flipHorizontal + ", rotateDegrees = " + rotateDegrees
                        + ", cropScale = " + cropScale + ", brightness = " + brightness + ", contrast = " + contrast
                        : "")
                + ")";
    }

    private static double inRange(String attribute, double value, double least, double most) {
        if (!(value >= least && value <= most)) {
            throw new IllegalArgumentException(attribute + " must be " + (least > 0 ? "above 0" : "at least " + least)
                    + " and at most " + most + ", not " + value);
        }
        return value;
    }

    /** Expands an empty or one-value list to one value per channel. */
    private float[] perChannel(String attribute, double[] values, float empty) {
        int count = channels.count();
        float[] expanded = new float[count];
        if (values.length == 0) {
            Arrays.fill(expanded, empty);
        } else if (values.length == 1) {
            Arrays.fill(expanded, (float) values[0]);
        } else if (values.length == count) {
            for (int c = 0; c < count; c++) {
                expanded[c] = (float) values[c];
            }
        } else {
            throw new IllegalArgumentException(attribute + " " + Arrays.toString(values) + " has " + values.length
                    + " values for " + count + " channels (" + channels + "); give 1 or " + count);
        }
        return expanded;
    }

    /** Collects a spec's values; every one but the size has the default of {@link Image}. */
    public static final class Builder {
        private final int height;
        private final int width;
        private Channels channels = Channels.RGB;
        private Interpolation interpolation = Interpolation.AREA;
        private double[] mean = {};
        private double[] std = {};
        private long maxPixels = Image.DEFAULT_MAX_PIXELS;
        private boolean reducedDecode = true;
        private CorruptJpeg corruptJpeg = CorruptJpeg.DECODE;
        private double flipHorizontal;
        private double rotateDegrees;
        private double cropScale = 1;
        private double brightness;
        private double contrast;

        private Builder(int height, int width) {
            this.height = height;
            this.width = width;
        }

        /** See {@link Image#channels()}. */
        public Builder channels(Channels channels) {
            this.channels = Objects.requireNonNull(channels, "channels");
            return this;
        }

        /** See {@link Image#interpolation()}. */
        public Builder interpolation(Interpolation interpolation) {
            this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
            return this;
        }

        /** See {@link Image#mean()}. */
        public Builder mean(double... mean) {
            this.mean = mean.clone();
            return this;
        }

        /** See {@link Image#std()}. */
        public Builder std(double... std) {
            this.std = std.clone();
            return this;
        }

        /** See {@link Image#maxPixels()}. */
        public Builder maxPixels(long maxPixels) {
            this.maxPixels = maxPixels;
            return this;
        }

        /** See {@link Image#reducedDecode()}. */
        public Builder reducedDecode(boolean reducedDecode) {
            this.reducedDecode = reducedDecode;
            return this;
        }

        /** See {@link Image#corruptJpeg()}. */
        public Builder corruptJpeg(CorruptJpeg corruptJpeg) {
            this.corruptJpeg = Objects.requireNonNull(corruptJpeg, "corruptJpeg");
            return this;
        }

        /** See {@link Image#flipHorizontal()}. */
        public Builder flipHorizontal(double probability) {
            this.flipHorizontal = probability;
            return this;
        }

        /** See {@link Image#rotateDegrees()}. */
        public Builder rotateDegrees(double degrees) {
            this.rotateDegrees = degrees;
            return this;
        }

        /** See {@link Image#cropScale()}. */
        public Builder cropScale(double scale) {
            this.cropScale = scale;
            return this;
        }

        /** See {@link Image#brightness()}. */
        public Builder brightness(double delta) {
            this.brightness = delta;
            return this;
        }

        /** See {@link Image#contrast()}. */
        public Builder contrast(double delta) {
            this.contrast = delta;
            return this;
        }

        /** Checks the values and freezes them. */
        public ImageSpec build() {
            return new ImageSpec(this);
        }
    }
}
