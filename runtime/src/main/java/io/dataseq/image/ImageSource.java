package io.dataseq.image;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An image as an {@code @Image} method returns it: a file, a file's bytes, or an OpenCV {@code Mat}. The generated
 * code wraps the method's value with the {@code of} that fits its type, e.g.
 * {@code (reader, record, context) -> ImageSource.of(reader.photo(record))}; each {@code of} returns null for null,
 * so that the binding reports which method returned nothing.
 */
public sealed interface ImageSource {

    /** An image file, read and decoded on the worker thread. */
    static ImageSource of(Path file) {
        return file == null ? null : new FileImage(file);
    }

    /** An image file, read and decoded on the worker thread. */
    static ImageSource of(File file) {
        return file == null ? null : new FileImage(file.toPath());
    }

    /** An image file, by its path; read and decoded on the worker thread. */
    static ImageSource of(String file) {
        return file == null ? null : new FileImage(Path.of(file));
    }

    /** The bytes of an image file (JPEG, PNG, ...), decoded on the worker thread; not copied, not changed. */
    static ImageSource of(byte[] encoded) {
        return encoded == null ? null : new EncodedImage(encoded);
    }

    /**
     * A decoded image, 8 bits per channel: one gray channel, BGR or BGRA. The decoder releases it once it has
     * copied its pixels (also when it fails), so it must not be used afterwards; to pass on an image that is kept
     * elsewhere, wrap it in a new header: {@code ImageSource.of(new Mat(kept))}.
     */
    static ImageSource of(Mat image) {
        return image == null ? null : new MatImage(image);
    }

    /** An image file. */
    record FileImage(Path path) implements ImageSource {
        /** Checks the path is there. */
        public FileImage {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** An encoded image in memory. */
    record EncodedImage(byte[] bytes) implements ImageSource {
        /** Checks the bytes are there. */
        public EncodedImage {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String toString() {
            return "byte[" + bytes.length + "]";
        }
    }

    /** A decoded image. */
    record MatImage(Mat mat) implements ImageSource {
        /** Checks the image is there. */
        public MatImage {
            Objects.requireNonNull(mat, "mat");
        }

        @Override
        public String toString() {
            return "the Mat";
        }
    }
}
