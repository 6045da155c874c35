package io.dataseq.image;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;

/**
 * Loads OpenCV's native libraries once, on the first image rather than when a generated class is initialised, and
 * turns a missing library into an error that says which dependency to add.
 */
final class OpenCvLibraries {
    private static final String PROBLEM = load();

    private OpenCvLibraries() {}

    /** Returns when OpenCV is usable; otherwise throws, saying why. */
    static void require() {
        if (PROBLEM != null) {
            throw new IllegalStateException(PROBLEM);
        }
    }

    private static String load() {
        try {
            Loader.load(opencv_imgcodecs.class); // and opencv_imgproc, opencv_core, which it links to
            return null;
        } catch (LinkageError | RuntimeException e) {
            return "OpenCV's native libraries could not be loaded (" + e + "); decoding @Image features needs "
                    + "org.bytedeco:opencv-platform:4.5.5-1.5.7 (or javacv-platform 1.5.7) on the class path";
        }
    }
}
