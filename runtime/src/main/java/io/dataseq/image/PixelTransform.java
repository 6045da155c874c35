package io.dataseq.image;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.dataseq.annotation.Image.Interpolation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Steps 4 and 5 of {@link ImageDecoder}, on 8-bit pixels: colour conversion to the declared channels, the crop and
 * the resize to the declared size, then the augmentation geometry and levels. Each result lands in one of the
 * thread's {@link ImageScratch} images, so that no stage allocates per image.
 */
final class PixelTransform {
    private final ImageSpec spec;
    private final int interpolation;
    private final int rotationInterpolation;

    PixelTransform(ImageSpec spec) {
        this.spec = spec;
        this.interpolation = openCvInterpolation(spec.interpolation());
        // warpAffine has no AREA filter: an image resized with AREA is rotated bilinearly. A mask (NEAREST) is
        // rotated without blending, so that each of its pixels is still a class.
        this.rotationInterpolation = spec.interpolation() == Interpolation.AREA ? INTER_LINEAR : interpolation;
    }

    /**
     * The image with the declared channels and size, augmented when {@code augmentation} is not null: {@code image}
     * itself when nothing changes, otherwise one of {@code working}'s images.
     */
    Mat apply(Mat image, Augmentation augmentation, String name, ImageScratch working) throws ImageDecodeException {
        Mat pixels = image;
        int wanted = spec.channels().count();
        if (pixels.channels() != wanted) {
            cvtColor(pixels, working.converted, conversion(pixels.channels(), wanted, name));
            pixels = working.converted;
        }
        if (augmentation != null && augmentation.crops()) {
            int[] crop = augmentation.cropRectangle(pixels.cols(), pixels.rows());
            // A header over the crop's pixels, not a copy: the resize reads through it.
            try (Rect rectangle = new Rect(crop[0], crop[1], crop[2], crop[3]);
                    Mat cropped = new Mat(pixels, rectangle)) {
                resize(cropped, working.resized, working.size, 0, 0, interpolation);
            }
            pixels = working.resized;
        } else if (pixels.rows() != spec.height() || pixels.cols() != spec.width()) {
            resize(pixels, working.resized, working.size, 0, 0, interpolation);
            pixels = working.resized;
        }
        if (augmentation != null) {
            pixels = augment(pixels, augmentation, working);
        }
        return pixels;
    }

    /**
     * The changes after the resize, on the small image: rotation (with the declared interpolation, bilinear for
     * AREA; edges reflected), mirror, then contrast and brightness in one saturating {@code convertTo}.
     */
    private Mat augment(Mat pixels, Augmentation augmentation, ImageScratch working) {
        Mat result = pixels;
        if (augmentation.rotates()) {
            try (Point2f centre = new Point2f((spec.width() - 1) / 2f, (spec.height() - 1) / 2f);
                    Mat rotation = getRotationMatrix2D(centre, augmentation.angle(), 1);
                    Scalar border = new Scalar()) {
                warpAffine(result, working.rotated, rotation, working.size, rotationInterpolation,
                        BORDER_REFLECT_101, border);
            }
            result = working.rotated;
        }
        if (augmentation.flip()) {
            flip(result, working.flipped, 1);
            result = working.flipped;
        }
        if (augmentation.adjustsLevels()) {
            result.convertTo(working.levelled, -1, augmentation.contrast(), augmentation.levelOffset());
            result = working.levelled;
        }
        return result;
    }

    private static int conversion(int channels, int wanted, String name) throws ImageDecodeException {
        if (wanted == 1 && channels == 3) {
            return COLOR_BGR2GRAY;
        }
        if (wanted == 1 && channels == 4) {
            return COLOR_BGRA2GRAY;
        }
        if (wanted == 3 && channels == 1) {
            return COLOR_GRAY2BGR;
        }
        if (wanted == 3 && channels == 4) {
            return COLOR_BGRA2BGR;
        }
        throw new ImageDecodeException(name, "has " + channels + " channels; an image must have 1 (gray), 3 (BGR) "
                + "or 4 (BGRA)", null);
    }

    private static int openCvInterpolation(Interpolation interpolation) {
        switch (interpolation) {
            case LINEAR:
                return INTER_LINEAR;
            case CUBIC:
                return INTER_CUBIC;
            case NEAREST:
                return INTER_NEAREST;
            default:
                return INTER_AREA;
        }
    }
}
