package io.dataseq.examples.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Writes a synthetic image set: {@code count} RGB JPEGs of {@code size x size} pixels in 10 class folders, each a
 * noisy-coloured background with a drawn shape (class {@code c}: one of five shapes, outlined or filled), at a
 * seeded random place, size and colour. Written once; a folder that already holds the set is kept.
 */
final class ShapeImages {
    static final int CLASSES = 10;

    private ShapeImages() {}

    static Path write(Path root, int count, int size, long seed) throws IOException {
        Path done = root.resolve(".complete");
        if (Files.exists(done) && Files.readString(done).equals(count + "x" + size)) {
            return root;
        }
        Random random = new Random(seed);
        for (int c = 0; c < CLASSES; c++) {
            Files.createDirectories(root.resolve("class-" + c));
        }
        for (int i = 0; i < count; i++) {
            int c = i % CLASSES;
            try (Mat image = new Mat(size, size, CV_8UC3, colour(random, 0, 120))) {
                draw(image, c, size, random);
                imwrite(root.resolve("class-" + c).resolve(String.format("%06d.jpg", i)).toString(), image);
            }
        }
        Files.writeString(done, count + "x" + size);
        return root;
    }

    private static void draw(Mat image, int c, int size, Random random) {
        int thickness = c < 5 ? Math.max(1, size / 32) : FILLED;
        Scalar colour = colour(random, 100, 255);
        int x = size / 4 + random.nextInt(size / 2);
        int y = size / 4 + random.nextInt(size / 2);
        int r = size / 8 + random.nextInt(size / 6);
        switch (c % 5) {
            case 0:
                circle(image, new Point(x, y), r, colour, thickness, LINE_AA, 0);
                break;
            case 1:
                rectangle(image, new Point(x - r, y - r), new Point(x + r, y + r), colour, thickness, LINE_AA, 0);
                break;
            case 2:
                line(image, new Point(x - r, y - r), new Point(x + r, y + r), colour, Math.max(2, size / 16), LINE_AA,
                        0);
                break;
            case 3:
                ellipse(image, new Point(x, y), new Size(r, r / 2), random.nextInt(180), 0, 360, colour, thickness,
                        LINE_AA, 0);
                break;
            default:
                line(image, new Point(x - r, y), new Point(x + r, y), colour, Math.max(2, size / 16), LINE_AA, 0);
                line(image, new Point(x, y - r), new Point(x, y + r), colour, Math.max(2, size / 16), LINE_AA, 0);
                break;
        }
    }

    private static Scalar colour(Random random, int low, int high) {
        return new Scalar(low + random.nextInt(high - low + 1), low + random.nextInt(high - low + 1),
                low + random.nextInt(high - low + 1), 0);
    }

    /** The bytes of the set's files. */
    static long bytes(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".jpg")).mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
