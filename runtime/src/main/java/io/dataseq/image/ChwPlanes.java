package io.dataseq.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.split;

import io.dataseq.annotation.Image.Channels;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Step 6 of {@link ImageDecoder}: writes an 8-bit image of the declared size as float32 channels first, straight
 * into a direct batch buffer: channel {@code c} of the image at {@code offset} fills
 * {@code offset + c * height * width ..}, with the channel's scale and offset applied in the same pass. RGB order
 * costs nothing: it is the order the planes are written.
 *
 * <p>Also the form a record store keeps an image in: the same planes, in the same order, as 8-bit values
 * ({@link #keep}); turned into the batch's float32 values by a conversion per channel, or one for all channels when
 * they share their scale and offset ({@link #writeKept}), or merged back into an image to be augmented
 * ({@link #mergeKept}).
 */
final class ChwPlanes {
    private final ImageSpec spec;
    private final int plane;
    private final boolean uniform;

    ChwPlanes(ImageSpec spec) {
        this.spec = spec;
        this.plane = spec.height() * spec.width();
        boolean same = true;
        for (int c = 1; c < spec.channels().count(); c++) {
            same &= spec.scale(c) == spec.scale(0) && spec.offset(c) == spec.offset(0);
        }
        this.uniform = same;
    }

    /** Writes {@code pixels} at {@code offset} of {@code target}, a direct buffer in native byte order. */
    void write(Mat pixels, ImageScratch working, FloatBuffer target, int offset) {
        int wanted = spec.channels().count();
        BytePointer values = working.pointerTo(target);
        if (wanted == 1) {
            writePlane(pixels, working.planeHeader(0), values, offset, 0);
            return;
        }
        split(pixels, working.planes);
        for (int c = 0; c < wanted; c++) {
            writePlane(working.planes.get(openCvChannel(c)), working.planeHeader(c), values, offset + c * plane, c);
        }
    }

    /**
     * Puts {@code pixels} (the declared size) as 8-bit planes, in the batch's channel order, at {@code index} of
     * {@code into} (a direct buffer): {@code split} writes each plane in place.
     */
    void keep(Mat pixels, ImageScratch working, ByteBuffer into, int index) {
        int wanted = spec.channels().count();
        if (wanted == 1) {
            working.copyPixels(pixels, into, index, plane);
            return;
        }
        BytePointer target = working.pointerTo(into);
        for (int c = 0; c < wanted; c++) {
            ImageScratch.point(working.bytePlaneHeader(c), target, index + (long) c * plane, plane);
            working.keptPlanes.put(openCvChannel(c), working.bytePlaneHeader(c));
        }
        split(pixels, working.keptPlanes); // same size and type as each header: written through, not reallocated
    }

    /**
     * Writes kept planes (at {@code index} of {@code pixels}, a direct buffer) as float32 at {@code offset} of
     * {@code target}, scaled per channel: no copy, no split; OpenCV reads the planes where they are.
     */
    void writeKept(ByteBuffer pixels, int index, ImageScratch working, FloatBuffer target, int offset) {
        BytePointer source = working.pointerTo(pixels);
        BytePointer values = working.pointerTo(target);
        int channels = spec.channels().count();
        if (uniform) {
            Mat from = working.allBytePlanes();
            Mat to = working.allFloatPlanes();
            ImageScratch.point(from, source, index, (long) channels * plane);
            ImageScratch.point(to, values, Float.BYTES * (long) offset, Float.BYTES * (long) channels * plane);
            from.convertTo(to, CV_32F, spec.scale(0), spec.offset(0));
            return;
        }
        for (int c = 0; c < channels; c++) {
            Mat from = working.bytePlaneHeader(c);
            ImageScratch.point(from, source, index + (long) c * plane, plane);
            writePlane(from, working.planeHeader(c), values, offset + c * plane, c);
        }
    }

    /** Merges kept planes back into an image in OpenCV's channel order (B, G, R), to be augmented. */
    Mat mergeKept(ByteBuffer pixels, int index, ImageScratch working) {
        BytePointer source = working.pointerTo(pixels);
        int channels = spec.channels().count();
        for (int c = 0; c < channels; c++) {
            ImageScratch.point(working.bytePlaneHeader(c), source, index + (long) c * plane, plane);
        }
        if (channels == 1) {
            return working.bytePlaneHeader(0);
        }
        for (int c = 0; c < channels; c++) {
            working.keptPlanes.put(openCvChannel(c), working.bytePlaneHeader(c));
        }
        merge(working.keptPlanes, working.merged);
        return working.merged;
    }

    /** Where the batch's channel {@code c} is in OpenCV's order: split gives B, G, R, which RGB takes reversed. */
    private int openCvChannel(int c) {
        int wanted = spec.channels().count();
        return spec.channels() == Channels.RGB ? wanted - 1 - c : c;
    }

    /**
     * Converts one 8-bit plane into float32 at {@code index} of {@code values}, in place, scaled for {@code c}.
     * {@code header} is the thread's float plane header, pointed at the target row here: no native object is made
     * per image (making and freeing a {@code Mat} and a {@code Pointer} per plane cost more than the conversion).
     */
    private void writePlane(Mat plane8, Mat header, BytePointer values, int index, int c) {
        ImageScratch.point(header, values, Float.BYTES * (long) index, Float.BYTES * (long) plane);
        // Same size and type as the header: convertTo writes through it rather than allocating.
        plane8.convertTo(header, CV_32F, spec.scale(c), spec.offset(c));
    }
}
