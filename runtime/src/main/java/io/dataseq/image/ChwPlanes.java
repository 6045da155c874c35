package io.dataseq.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.split;

import io.dataseq.annotation.Image.Channels;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Step 6 of {@link ImageDecoder}: writes an 8-bit image of the declared size as float32 channels first, straight
 * into a direct batch buffer: channel {@code c} of the image at {@code offset} fills
 * {@code offset + c * height * width ..}, with the channel's scale and offset applied in the same pass. RGB order
 * costs nothing: it is the order the planes are written.
 */
final class ChwPlanes {
    private final ImageSpec spec;

    ChwPlanes(ImageSpec spec) {
        this.spec = spec;
    }

    /** Writes {@code pixels} at {@code offset} of {@code target}, a direct buffer in native byte order. */
    void write(Mat pixels, ImageScratch working, FloatBuffer target, int offset) {
        int wanted = spec.channels().count();
        BytePointer values = working.pointerTo(target);
        if (wanted == 1) {
            writePlane(pixels, working.planeHeader(0), values, offset, 0);
            return;
        }
        int plane = spec.height() * spec.width();
        split(pixels, working.planes);
        for (int c = 0; c < wanted; c++) {
            // split gives OpenCV's B, G, R: RGB takes them in reverse
            int from = spec.channels() == Channels.RGB ? wanted - 1 - c : c;
            writePlane(working.planes.get(from), working.planeHeader(c), values, offset + c * plane, c);
        }
    }

    /**
     * Converts one 8-bit plane into float32 at {@code index} of {@code values}, in place, scaled for {@code c}.
     * {@code header} is the thread's float plane header, pointed at the target row here: no native object is made
     * per image (making and freeing a {@code Mat} and a {@code Pointer} per plane cost more than the conversion).
     */
    private void writePlane(Mat plane, Mat header, BytePointer values, int index, int c) {
        long start = values.address() + Float.BYTES * (long) index;
        long end = start + Float.BYTES * (long) spec.height() * spec.width();
        // A void* argument's position counts bytes; every data field moves, so the header is a whole view.
        values.position(start - values.address());
        header.data(values).datastart(values);
        values.position(end - values.address());
        header.dataend(values).datalimit(values);
        values.position(0);
        // Same size and type as the header: convertTo writes through it rather than allocating.
        plane.convertTo(header, CV_32F, spec.scale(c), spec.offset(c));
    }
}
