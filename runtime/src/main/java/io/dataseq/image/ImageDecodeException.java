package io.dataseq.image;

import java.io.IOException;

/**
 * An image could not be read or decoded: it is missing, empty, truncated, corrupt, not an image, or declares more
 * pixels than allowed. The message starts with the image, e.g.
 * {@code "data/7/img_123.jpg is a truncated JPEG: ..."}; {@link #image()} says what it was.
 */
public class ImageDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String image;

    /** A failure of {@code image} (its file, say), explained by {@code problem}, caused by {@code cause} (or null). */
    public ImageDecodeException(String image, String problem, Throwable cause) {
        super(image + " " + problem, cause);
        this.image = image;
    }

    /** The image that failed: its file, or a description of the bytes or {@code Mat} it came from. */
    public String image() {
        return image;
    }
}
