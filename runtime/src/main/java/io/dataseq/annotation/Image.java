package io.dataseq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a {@link Features @Features} method returns an image to decode, and how the network wants it. The
 * method returns the encoded image, and DataSeq decodes it on the worker threads, straight into the batch:
 * <ul>
 *   <li>{@code java.nio.file.Path}, {@code java.io.File} or {@code String}: the image file (JPEG, PNG, BMP, and
 *       whatever else OpenCV reads);</li>
 *   <li>{@code byte[]}: the file's bytes, read from an archive, a database or the network;</li>
 *   <li>{@code org.bytedeco.opencv.opencv_core.Mat}: an image the method decoded (and perhaps cropped or augmented)
 *       itself, 8 bits per channel, in OpenCV's BGR (or BGRA, or one gray channel) order. DataSeq releases the
 *       {@code Mat} once it has copied it; to hand out a cached image, return {@code new Mat(cached)}, a header
 *       that shares its pixels.</li>
 * </ul>
 *
 * <p>Each image is decoded with OpenCV, converted to {@link #channels()}, resized to {@link #height()} x
 * {@link #width()} (stretched: the aspect ratio is not kept; crop in a {@code Mat} method if it matters), scaled to
 * [0, 1] or normalised with {@link #mean()} and {@link #std()}, and written as float32 channels-first: the
 * features' shape is {@code {channels, height, width}} and a batch is {@code [batch, channels, height, width]}, the
 * layout of DL4J's convolution layers. The {@code @Features} shape may then be left out.
 *
 * <pre>{@code
 * @Features
 * @Image(height = 224, width = 224, mean = {0.485, 0.456, 0.406}, std = {0.229, 0.224, 0.225})
 * public Path photo(int record) { return files.get(record); }
 *
 * @Features
 * @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
 * public byte[] digit(int record) { return archive.bytes(record); }
 * }</pre>
 *
 * <p>Training images can be augmented at random: {@link #cropScale()}, {@link #rotateDegrees()},
 * {@link #flipHorizontal()}, {@link #contrast()} and {@link #brightness()}, applied only while the sequence trains.
 * The crop, rotation and mirror are drawn once per record, from (seed, epoch, record): every image of the record
 * that declares them gets the same, so a mask stays aligned with its image. Contrast and brightness are drawn for
 * each image on its own, from (seed, epoch, record, output).
 *
 * <p>A file that cannot be read, is empty, truncated or corrupt, is not an image, or declares more than
 * {@link #maxPixels()} pixels fails its record with an error that names the file, under the sequence's
 * {@link DataSequence#onError() error policy}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Image {

    /** The default of {@link #maxPixels()}: 100 megapixels. */
    long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** The height, in pixels, every image is resized to; at least 1. */
    int height();

    /** The width, in pixels, every image is resized to; at least 1. */
    int width();

    /**
     * The channels of the features, in order: {@link Channels#RGB} (the default, the order of most pre-trained
     * networks), {@link Channels#BGR} (OpenCV's and Caffe's order) or {@link Channels#GRAY} (one channel). A colour
     * file is converted to gray and a gray file to colour as needed.
     */
    Channels channels() default Channels.RGB;

    /**
     * How an image is resized to {@link #height()} x {@link #width()} when its size differs:
     * {@link Interpolation#AREA} (the default) averages the pixels each output pixel covers, the right filter for
     * shrinking; {@link Interpolation#LINEAR} or {@link Interpolation#CUBIC} suit enlarging;
     * {@link Interpolation#NEAREST} copies one source pixel, for masks and other images whose values are labels.
     */
    Interpolation interpolation() default Interpolation.AREA;

    /**
     * The mean subtracted from each channel after scaling to [0, 1], in the order of {@link #channels()}: empty
     * (the default) subtracts nothing; one value applies to every channel. Each value written is
     * {@code (pixel / 255 - mean[c]) / std[c]}, so ImageNet's published statistics can be copied as they are:
     * {@code mean = {0.485, 0.456, 0.406}, std = {0.229, 0.224, 0.225}}. For the raw 0..255 values use
     * {@code std = {1.0 / 255}}.
     */
    double[] mean() default {};

    /**
     * The standard deviation each channel is divided by after subtracting {@link #mean()}, in the order of
     * {@link #channels()}, every value positive: empty (the default) divides by 1; one value applies to every
     * channel.
     */
    double[] std() default {};

    /**
     * The most pixels (width x height, as the file's header declares them) an image may have; at least 1. A file
     * that declares more is rejected before it is decoded, so a tiny file that claims to be a 100000 x 100000
     * image cannot make a worker allocate 30 GB. The format is told by the file's content, never its name, and the
     * header of every format OpenCV decodes is read (JPEG, PNG, GIF, BMP, TIFF, WebP, PBM/PGM/PPM, PAM, PFM, Sun
     * raster, Radiance HDR, JPEG 2000, OpenEXR); a file of any other content is refused undecoded. Has no effect on a
     * returned {@code Mat}.
     */
    long maxPixels() default DEFAULT_MAX_PIXELS;

    /**
     * Whether a JPEG at least twice the declared size in both dimensions is decoded at 1/2, 1/4 or 1/8 of its size
     * by libjpeg's DCT scaling (the largest reduction that still leaves at least the declared size), then resized
     * the rest of the way. On by default: it decodes several times faster (docs/images.md) and the values are close
     * to those of a full decode, though not equal. Turn it off for values identical to OpenCV's full
     * {@code imread} and {@code resize}. Never used with {@link Interpolation#NEAREST}, nor for other formats.
     */
    boolean reducedDecode() default true;

    /**
     * What is done with a JPEG whose data libjpeg would warn about, "Corrupt JPEG data: ..." (bytes changed, a file
     * cut and given its end marker back, restart markers out of turn): libjpeg decodes such a file with gray or
     * smeared blocks and prints its warning on standard error, without the file's name, and OpenCV cannot tell.
     * {@link CorruptJpeg#DECODE} (the default) does as libjpeg does, at no cost; {@link CorruptJpeg#WARN} and
     * {@link CorruptJpeg#FAIL} check every JPEG's data before decoding it (about half the time of decoding it, see
     * docs/images.md) and log a warning naming the file, or fail its record.
     */
    CorruptJpeg corruptJpeg() default CorruptJpeg.DECODE;

    /**
     * The probability, from 0 to 1, that a training image is mirrored left to right (augmentation); 0, the default,
     * never mirrors. Like the crop and the rotation it is drawn once per record, from (seed, epoch, record) alone, so
     * every image of the record that declares it is mirrored alike; and like every augmentation it applies only
     * while the sequence trains: a validation sequence sees each image as it is.
     */
    double flipHorizontal() default 0;

    /**
     * The largest angle, in degrees from 0 to 180, by which a training image is rotated about its centre, either
     * way (augmentation): each image turns by an angle drawn evenly from {@code -rotateDegrees .. rotateDegrees},
     * with its {@link #interpolation()} ({@code LINEAR} for {@code AREA}; {@code NEAREST} blends nothing, for a
     * mask). The corners it uncovers reflect the image's edge (OpenCV's {@code BORDER_REFLECT_101}). 0, the
     * default, does not rotate.
     */
    double rotateDegrees() default 0;

    /**
     * The smallest fraction, above 0 and at most 1, of its height and width that a random crop of a training image
     * keeps before it is resized to {@link #height()} x {@link #width()} (augmentation, "scale jitter"): each image
     * keeps a fraction drawn evenly from {@code cropScale .. 1} of both dimensions, at a random place. 1, the
     * default, does not crop.
     */
    double cropScale() default 1;

    /**
     * The largest change of brightness of a training image, as a fraction from 0 to 1 of the full range
     * (augmentation): each image gets {@code delta * 255} added to every pixel, {@code delta} drawn evenly from
     * {@code -brightness .. brightness}, and is clipped to 0..255. 0, the default, does not change it.
     */
    double brightness() default 0;

    /**
     * The largest change of contrast of a training image, from 0 to 1 (augmentation): each image's pixels move away
     * from (or toward) the middle gray, 127.5, by a factor drawn evenly from {@code 1 - contrast .. 1 + contrast},
     * clipped to 0..255. 0, the default, does not change it.
     */
    double contrast() default 0;

    /** The channels of decoded features, in order. */
    enum Channels {
        /** One channel: the luminance of a colour image, or a gray image as it is. */
        GRAY(1),
        /** Three channels: red, green, blue. */
        RGB(3),
        /** Three channels: blue, green, red, as OpenCV stores them. */
        BGR(3);

        private final int count;

        Channels(int count) {
            this.count = count;
        }

        /** How many channels the features have: 1 or 3. */
        public int count() {
            return count;
        }
    }

    /** What is done with a JPEG whose data libjpeg would warn about; see {@link Image#corruptJpeg()}. */
    enum CorruptJpeg {
        /** Decoded as libjpeg decodes it, damaged blocks and all, with its warning on standard error; no check. */
        DECODE,
        /**
         * Checked before decoding; a damaged one is decoded all the same, and a warning that names the file and
         * says what libjpeg will warn about is logged (the {@code System.Logger}
         * {@code io.dataseq.image.ImageDecoder}).
         */
        WARN,
        /**
         * Checked before decoding; a damaged one fails its record, naming the file, and is never given to libjpeg
         * (so nothing is printed on standard error).
         */
        FAIL
    }

    /** How an image is resized to the declared size; OpenCV's interpolation of the same name. */
    enum Interpolation {
        /** The average of the source pixels each output pixel covers (OpenCV's {@code INTER_AREA}). */
        AREA,
        /** Bilinear (OpenCV's {@code INTER_LINEAR}). */
        LINEAR,
        /** Bicubic over 4x4 pixels (OpenCV's {@code INTER_CUBIC}). */
        CUBIC,
        /** The nearest source pixel, no blending (OpenCV's {@code INTER_NEAREST}). */
        NEAREST
    }
}
