package io.dataseq.image;

import java.util.SplittableRandom;

/**
 * The random changes drawn for one training image, as an {@link ImageSpec} allows them: a crop (a fraction of the
 * height and width, at a place), a rotation, a mirror, and a brightness and contrast change. The geometric changes
 * (crop, rotation, mirror) are drawn from a stream of the record, common to all its images, and always as the same
 * five numbers, used or not: so every image of the record that declares a change gets the same one (a mask stays
 * aligned with its image), whatever else each declares. The levels (contrast, brightness) are drawn from the
 * image's own stream, only for the changes its spec enables. The same (seed, epoch, record) always gives the same
 * image.
 *
 * @param cropFraction the fraction of the height and width the crop keeps; 1: no crop
 * @param cropX where the crop starts across the room left for it, 0 (left) to 1 (right)
 * @param cropY where the crop starts down the room left for it, 0 (top) to 1 (bottom)
 * @param angle the rotation in degrees, counter-clockwise as OpenCV's {@code getRotationMatrix2D} turns; 0: none
 * @param flip whether the image is mirrored left to right
 * @param contrast the factor by which pixels move away from the middle gray; 1: none
 * @param brightness the value added to every pixel, in 0..255 units; 0: none
 */
record Augmentation(
        double cropFraction, double cropX, double cropY, double angle, boolean flip, double contrast,
        double brightness) {

    /** The middle of the 0..255 range, about which contrast changes. */
    static final double MIDDLE_GRAY = 127.5;

    /**
     * The changes for one image under {@code spec}: the crop, rotation and mirror from {@code geometry} (a stream
     * of the record, at its start), the contrast and brightness from {@code levels} (the image's own stream).
     */
    static Augmentation draw(ImageSpec spec, SplittableRandom geometry, SplittableRandom levels) {
        double fractionDraw = geometry.nextDouble();
        double x = geometry.nextDouble();
        double y = geometry.nextDouble();
        double angleDraw = geometry.nextDouble();
        double flipDraw = geometry.nextDouble();
        boolean crops = spec.cropScale() < 1;
        double fraction = crops ? spec.cropScale() + (1 - spec.cropScale()) * fractionDraw : 1;
        double angle = spec.rotateDegrees() > 0 ? (2 * angleDraw - 1) * spec.rotateDegrees() : 0;
        boolean flip = spec.flipHorizontal() > 0 && flipDraw < spec.flipHorizontal();
        double contrast = spec.contrast() > 0 ? 1 + (2 * levels.nextDouble() - 1) * spec.contrast() : 1;
        double brightness = spec.brightness() > 0 ? (2 * levels.nextDouble() - 1) * spec.brightness() * 255 : 0;
        return new Augmentation(fraction, crops ? x : 0, crops ? y : 0, angle, flip, contrast, brightness);
    }

    boolean crops() {
        return cropFraction < 1;
    }

    /** The crop of an image of {@code width} x {@code height}: {x, y, width, height}, at least 1 x 1. */
    int[] cropRectangle(int width, int height) {
        int cropWidth = Math.max(1, (int) Math.round(width * cropFraction));
        int cropHeight = Math.max(1, (int) Math.round(height * cropFraction));
        int left = Math.min(width - cropWidth, (int) (cropX * (width - cropWidth + 1)));
        int top = Math.min(height - cropHeight, (int) (cropY * (height - cropHeight + 1)));
        return new int[] {left, top, cropWidth, cropHeight};
    }

    boolean rotates() {
        return angle != 0;
    }

    boolean adjustsLevels() {
        return contrast != 1 || brightness != 0;
    }

    /** The offset of {@code convertTo(out, -1, contrast, offset)}: contrast about the middle gray, then brightness. */
    double levelOffset() {
        return (1 - contrast) * MIDDLE_GRAY + brightness;
    }
}
