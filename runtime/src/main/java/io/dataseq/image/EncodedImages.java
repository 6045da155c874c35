package io.dataseq.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.getVersionMajor;
import static org.bytedeco.opencv.global.opencv_core.getVersionMinor;
import static org.bytedeco.opencv.global.opencv_core.getVersionRevision;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.CorruptJpeg;
import io.dataseq.annotation.Image.Interpolation;
import io.dataseq.image.ImageHeader.Format;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Steps 2 and 3 of {@link ImageDecoder}: checks an encoded image's header, then decodes it with OpenCV, at a reduced
 * scale where the JPEG is large enough. Kept apart from the pixel stages because everything here is about the
 * encoded bytes: their format, their declared size, and why OpenCV could not read them.
 */
final class EncodedImages {
    /** Where {@code corruptJpeg = WARN} says which file libjpeg is about to warn about. */
    private static final System.Logger LOG = System.getLogger(ImageDecoder.class.getName());

    private final ImageSpec spec;

    EncodedImages(ImageSpec spec) {
        this.spec = spec;
    }

    /**
     * Checks the header of the {@code size} bytes in {@code working}'s input, then decodes them into a new image.
     * Not into a reused one: when OpenCV finds no decoder or no header, it leaves a reused target as it was,
     * holding the previous image; and reusing it measured no faster (allocation is small beside decoding).
     */
    Mat decode(String name, int size, ImageScratch working) throws ImageDecodeException {
        if (size == 0) {
            throw new ImageDecodeException(name, "is empty (0 bytes)", null);
        }
        ImageHeader header = ImageHeader.read(working.inputView, size);
        if (header.hasSize() && header.pixels() > spec.maxPixels()) {
            throw new ImageDecodeException(name, "declares " + header.declared() + " pixels, more than the limit of "
                    + spec.maxPixels() + " (@Image maxPixels); it was not decoded", null);
        }
        if (header.problem() != null) {
            throw new ImageDecodeException(name, header.problem(), null);
        }
        if (!header.hasSize()) { // every parser gives a size or a problem: this would be a bug in one of them
            throw new IllegalStateException(header.format() + " header of " + name + " has neither size nor problem");
        }
        if (header.format() == Format.JPEG && spec.corruptJpeg() != CorruptJpeg.DECODE) {
            checkJpegData(name, size, working);
        }
        int flags = imreadFlags(reducedScale(header));
        Mat decoded;
        try (Mat encoded = new Mat(1, size, CV_8UC1, working.input)) {
            decoded = imdecode(encoded, flags);
        } catch (RuntimeException e) {
            throw new ImageDecodeException(name, notDecoded(header, e), e);
        }
        if (decoded.empty()) {
            decoded.close();
            throw new ImageDecodeException(name, undecodable(header), null);
        }
        return decoded;
    }

    /**
     * What libjpeg would warn about in the JPEG's data, found before libjpeg sees it ({@link JpegDataCheck}):
     * thrown under {@code corruptJpeg = FAIL}, logged with the file's name under {@code WARN}.
     */
    private void checkJpegData(String name, int size, ImageScratch working) throws ImageDecodeException {
        String warning = JpegDataCheck.problem(new HeaderBytes(working.inputView, size));
        if (warning == null) {
            return;
        }
        if (spec.corruptJpeg() == CorruptJpeg.FAIL) {
            throw new ImageDecodeException(name, "is a corrupt JPEG, which libjpeg would decode with damaged blocks"
                    + " and the warning \"" + warning + "\" (@Image corruptJpeg = FAIL)", null);
        }
        LOG.log(System.Logger.Level.WARNING, name + " is a corrupt JPEG: libjpeg decodes it with damaged blocks and"
                + " warns \"" + warning + "\" (@Image corruptJpeg = WARN)");
    }

    /**
     * The largest of 8, 4 and 2 by which the JPEG can be reduced while still covering the declared size (after its
     * EXIF orientation), or 1. Only JPEG: for other formats OpenCV's reduced modes decode fully and then resize
     * with its own filter, which would be slower and differ from the declared one.
     */
    int reducedScale(ImageHeader header) {
        if (!spec.reducedDecode() || spec.interpolation() == Interpolation.NEAREST || header.format() != Format.JPEG
                || !header.hasSize()) {
            return 1;
        }
        // A random crop keeps as little as cropScale of each dimension, which must still cover the declared size.
        double width = spec.width() / spec.cropScale();
        double height = spec.height() / spec.cropScale();
        for (int scale = 8; scale > 1; scale /= 2) {
            if (width * scale <= header.orientedWidth() && height * scale <= header.orientedHeight()) {
                return scale;
            }
        }
        return 1;
    }

    private int imreadFlags(int scale) {
        boolean gray = spec.channels() == Channels.GRAY;
        switch (scale) {
            case 8:
                return gray ? IMREAD_REDUCED_GRAYSCALE_8 : IMREAD_REDUCED_COLOR_8;
            case 4:
                return gray ? IMREAD_REDUCED_GRAYSCALE_4 : IMREAD_REDUCED_COLOR_4;
            case 2:
                return gray ? IMREAD_REDUCED_GRAYSCALE_2 : IMREAD_REDUCED_COLOR_2;
            default:
                return gray ? IMREAD_GRAYSCALE : IMREAD_COLOR;
        }
    }

    private static String undecodable(ImageHeader header) {
        if (header.format() == Format.GIF && !decodesGif()) {
            return "is a GIF, which OpenCV " + getVersionMajor() + "." + getVersionMinor() + "." + getVersionRevision()
                    + " cannot decode (4.11 and later can); convert it to PNG";
        }
        return "is a corrupt " + header.format().label() + ": OpenCV could not decode it";
    }

    /** Why OpenCV threw: a decoder it keeps off by default is named with the variable that turns it on. */
    private static String notDecoded(ImageHeader header, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("codec is disabled")) {
            boolean exr = header.format() == Format.OPENEXR;
            return "is " + (exr ? "an OpenEXR" : "a JPEG 2000") + " image, whose decoder OpenCV keeps off unless the"
                    + " environment variable " + (exr ? "OPENCV_IO_ENABLE_OPENEXR" : "OPENCV_IO_ENABLE_JASPER")
                    + " is true (damaged files have crashed it); convert it to PNG, or set the variable";
        }
        return "could not be decoded by OpenCV: " + message;
    }

    /** Whether the OpenCV loaded has a GIF decoder: 4.11 and later. */
    private static boolean decodesGif() {
        int major = getVersionMajor();
        return major > 4 || major == 4 && getVersionMinor() >= 11;
    }
}
