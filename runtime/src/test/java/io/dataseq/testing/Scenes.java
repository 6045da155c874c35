package io.dataseq.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Synthetic segmentation records: a colour image of bright discs on a dark, noisy ground, and its mask, derived
 * from the image's pixels: class 1 where every channel is above 128, class 0 elsewhere. Every ground pixel is at
 * most 70 and every disc pixel at least 180, so an image whose contrast and brightness change by at most 20% and
 * 10% is still above the middle gray exactly where its mask says 1.
 */
public final class Scenes {
    /** The height of every image and mask. */
    public static final int HEIGHT = 48;
    /** The width of every image and mask. */
    public static final int WIDTH = 64;

    private Scenes() {}

    /** The image of scene {@code seed}: interleaved 8-bit BGR pixels. */
    public static byte[] image(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int discs = random.nextInt(3, 6);
        int[][] disc = new int[discs][];
        for (int d = 0; d < discs; d++) {
            disc[d] = new int[] {random.nextInt(WIDTH), random.nextInt(HEIGHT), random.nextInt(5, 13)};
        }
        byte[] pixels = new byte[HEIGHT * WIDTH * 3];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean inside = false;
                for (int[] d : disc) {
                    inside |= (x - d[0]) * (x - d[0]) + (y - d[1]) * (y - d[1]) <= d[2] * d[2];
                }
                for (int c = 0; c < 3; c++) {
                    pixels[(y * WIDTH + x) * 3 + c] = (byte) (inside ? random.nextInt(180, 251)
                            : random.nextInt(10, 71));
                }
            }
        }
        return pixels;
    }

    /** The mask of {@code image}'s pixels: one byte a pixel, 1 where every channel is above 128, else 0. */
    public static byte[] maskOf(byte[] image) {
        byte[] mask = new byte[HEIGHT * WIDTH];
        for (int i = 0; i < mask.length; i++) {
            boolean bright = true;
            for (int c = 0; c < 3; c++) {
                bright &= (image[i * 3 + c] & 0xFF) > 128;
            }
            mask[i] = (byte) (bright ? 1 : 0);
        }
        return mask;
    }

    /** {@code pixels} ({@code channels} interleaved, {@link #HEIGHT} x {@link #WIDTH}) as a PNG file's bytes. */
    public static byte[] png(byte[] pixels, int channels) {
        try (BytePointer data = new BytePointer(pixels); Mat image = new Mat(HEIGHT, WIDTH, CV_8UC(channels), data);
                BytePointer encoded = new BytePointer()) {
            if (!imencode(".png", image, encoded)) {
                throw new IllegalStateException("OpenCV did not encode a PNG");
            }
            byte[] bytes = new byte[(int) encoded.limit()];
            encoded.get(bytes);
            return bytes;
        }
    }

    /**
     * The pixels where the mask and its image disagree: {@code image}'s first channel (values of pixel / 255, from
     * {@code imageAt}) above the middle gray, against {@code mask}'s class (from {@code maskAt}) not 0; both
     * {@code plane} values long. Each is a pixel index.
     */
    public static int[] disagreements(float[] image, int imageAt, float[] mask, int maskAt, int plane) {
        return java.util.stream.IntStream.range(0, plane)
                .filter(i -> (image[imageAt + i] > 0.5f) != (mask[maskAt + i] != 0))
                .toArray();
    }
}
