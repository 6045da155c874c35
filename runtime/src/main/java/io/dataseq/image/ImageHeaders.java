package io.dataseq.image;

import java.nio.ByteBuffer;

/**
 * Checks an encoded image by its header alone, without decoding it and without OpenCV: whether it is in a format
 * whose header DataSeq reads, and whether that header says the file is a complete image (the check the decoder makes
 * before each decode). What the file lists' {@code check()} in {@code io.dataseq.files} runs on every file before
 * training.
 */
public final class ImageHeaders {
    private ImageHeaders() {}

    /**
     * Why the first {@code length} bytes of {@code data} cannot be decoded as an image, worded to follow the image's
     * name ({@code "is a truncated JPEG: it ends in its image data, ..."}), or null when its header parses. Empty
     * bytes and a format whose header is not read are problems too. Reads {@code data} with absolute gets only, so
     * its position and limit do not move.
     */
    public static String problem(ByteBuffer data, int length) {
        if (length == 0) {
            return "is empty (0 bytes)";
        }
        return ImageHeader.read(data, length).problem(); // an unknown format's says which formats are read
    }
}
