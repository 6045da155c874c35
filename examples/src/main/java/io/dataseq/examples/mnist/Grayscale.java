package io.dataseq.examples.mnist;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Decodes a grayscale image file with OpenCV into floats in [0, 1], row by row. Thread-safe. */
public final class Grayscale {
    private Grayscale() {}

    /**
     * Reads {@code file} and decodes it as one 8-bit channel of {@code height} x {@code width} pixels.
     *
     * @throws IOException when the file cannot be read, is not an image, or has another size (the message names
     *     the file)
     */
    public static float[] decode(Path file, int height, int width) throws IOException {
        byte[] encoded = Files.readAllBytes(file);
        try (BytePointer bytes = new BytePointer(encoded);
                Mat raw = new Mat(1, encoded.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, bytes);
                Mat image = imdecode(raw, IMREAD_GRAYSCALE)) {
            if (image.empty()) {
                throw new IOException(file + " is not an image OpenCV can decode");
            }
            if (image.rows() != height || image.cols() != width) {
                throw new IOException(file + " is " + image.cols() + "x" + image.rows() + ", expected "
                        + width + "x" + height);
            }
            byte[] pixels = new byte[height * width];
            image.data().get(pixels);
            float[] values = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                values[i] = (pixels[i] & 0xFF) / 255f;
            }
            return values;
        }
    }
}
