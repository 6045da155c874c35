package io.dataseq.image;

import io.dataseq.annotation.Image.Channels;
import io.dataseq.annotation.Image.Interpolation;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The images decoded for one record, shared by its outputs: when two image outputs of a record return the same file
 * (an equal {@code Path}) or the same {@code byte[]} (the same array), and their specs decode it alike (the same
 * gray or colour decode, pixel limit and reduced decoding), the file is read and decoded once, and each output
 * converts, resizes, augments and scales that image as its own spec says. The values are those of decoding it
 * twice. A returned {@code Mat} is never shared: the decoder releases it.
 *
 * <p>A sequence keeps one for each record it reads. To share decodes when calling {@link ImageDecoder} by hand, pass
 * one to each output's {@code decode} of a record and {@link #close()} it when the record is read. Used by one
 * thread at a time.
 */
public final class DecodedImages implements AutoCloseable {
    private final List<Decoded> images = new ArrayList<>(2);

    /** Holds no image yet. */
    public DecodedImages() {}

    /** How many images it holds: each a file or bytes read and decoded once, for one output or more. */
    public int size() {
        return images.size();
    }

    /** Releases the images: the record has been read. It can then hold the next record's. */
    @Override
    public void close() {
        for (Decoded image : images) {
            image.image().close();
        }
        images.clear();
    }

    /** The image decoded from {@code source} in {@code form}, or null. */
    Mat find(ImageSource source, Form form) {
        for (Decoded image : images) {
            if (image.source().equals(source) && image.form().equals(form)) {
                return image.image();
            }
        }
        return null;
    }

    /** Keeps {@code image}, decoded from {@code source} in {@code form}, until {@link #close()}. */
    void keep(ImageSource source, Form form, Mat image) {
        images.add(new Decoded(source, form, image));
    }

    private record Decoded(ImageSource source, Form form, Mat image) {}

    /**
     * What decoding a file depends on in a spec ({@link EncodedImages}): two specs of equal forms decode it to the
     * same pixels. Without reduced decoding that is the gray or colour decode and the pixel limit; with it, the
     * scale also depends on the declared size, crop and interpolation, all of which must then be equal too.
     */
    record Form(boolean gray, long maxPixels, boolean reduced, Interpolation interpolation, int height, int width,
            double cropScale) {

        static Form of(ImageSpec spec) {
            boolean gray = spec.channels() == Channels.GRAY;
            return spec.reducedDecode()
                    ? new Form(gray, spec.maxPixels(), true, spec.interpolation(), spec.height(), spec.width(),
                            spec.cropScale())
                    : new Form(gray, spec.maxPixels(), false, Interpolation.AREA, 0, 0, 1);
        }
    }
}
