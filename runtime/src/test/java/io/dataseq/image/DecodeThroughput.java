package io.dataseq.image;

import io.dataseq.annotation.Image.Channels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Images per second that one thread decodes into a batch buffer, with and without reduced decoding, or (with the
 * argument {@code corruptJpeg}) unchecked and with {@code corruptJpeg = FAIL}'s check of the JPEG data: the figures
 * in docs/images.md. Not a test (nothing to assert on a shared machine); run it by hand:
 * {@code java -cp <runtime test class path> io.dataseq.image.DecodeThroughput [corruptJpeg] [seconds per round]}.
 */
public final class DecodeThroughput {
    private static final int FILES = 64;
    private static final int ROUNDS = 5;

    private DecodeThroughput() {}

    public static void main(String[] args) throws IOException {
        boolean checked = args.length > 0 && args[0].equals("corruptJpeg");
        double seconds = args.length > (checked ? 1 : 0) ? Double.parseDouble(args[checked ? 1 : 0]) : 2;
        Path dir = Files.createTempDirectory("dataseq-throughput");
        System.out.printf("%-34s %-7s %5s %12s %12s %8s%n", "files", "decl.", "scale",
                checked ? "unchecked img/s" : "full img/s", checked ? "checked img/s" : "reduced img/s",
                checked ? "ratio" : "gain");
        for (int[] c : new int[][] {{256, 256, 64, 3}, {256, 256, 64, 1}, {256, 256, 128, 3}, {640, 480, 224, 3},
            {1024, 768, 224, 3}, {2048, 1536, 224, 3}}) {
            int width = c[0];
            int height = c[1];
            int declared = c[2];
            Channels channels = c[3] == 1 ? Channels.GRAY : Channels.RGB;
            List<ImageSource> files = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < FILES; i++) {
                Path file = TestImages.write(dir, width + "x" + height + "-" + i + ".jpg",
                        TestImages.photo(height, width, i));
                bytes += Files.size(file);
                files.add(ImageSource.of(file));
            }
            ImageSpec baseline = checked ? ImageSpec.builder(declared, declared).channels(channels).build()
                    : ImageSpec.builder(declared, declared).channels(channels).reducedDecode(false).build();
            ImageSpec compared = checked
                    ? ImageSpec.builder(declared, declared).channels(channels)
                            .corruptJpeg(io.dataseq.annotation.Image.CorruptJpeg.FAIL).build()
                    : ImageSpec.builder(declared, declared).channels(channels).build();
            byte[] first = Files.readAllBytes(((ImageSource.FileImage) files.get(0)).path());
            int scale = new ImageDecoder(checked ? baseline : compared)
                    .reducedScale(ImageHeader.read(ByteBuffer.wrap(first), first.length));
            Rates rates = measure(new ImageDecoder(baseline), new ImageDecoder(compared), files, seconds);
            System.out.printf("%-34s %-7s %5s %12.0f %12.0f %7.2fx%n",
                    FILES + " JPEG " + width + "x" + height + " " + channels + " (" + bytes / FILES / 1024 + " KiB)",
                    declared + "x" + declared, "1/" + scale, rates.first, rates.second, rates.gain);
        }
    }

    private record Rates(double first, double second, double gain) {}

    /**
     * Medians over {@link #ROUNDS} rounds of images per second, the two decoders in alternate rounds so that both
     * see the same load, and the median of the per-round ratios (second / first); after a warm-up of both.
     */
    private static Rates measure(ImageDecoder first, ImageDecoder second, List<ImageSource> files, double seconds)
            throws IOException {
        FloatBuffer batch = ByteBuffer.allocateDirect(Float.BYTES * first.spec().length() * files.size())
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        round(first, files, batch, seconds / 2);
        round(second, files, batch, seconds / 2);
        double[] firstRates = new double[ROUNDS];
        double[] secondRates = new double[ROUNDS];
        double[] gains = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            firstRates[r] = round(first, files, batch, seconds);
            secondRates[r] = round(second, files, batch, seconds);
            gains[r] = secondRates[r] / firstRates[r];
        }
        return new Rates(median(firstRates), median(secondRates), median(gains));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double round(ImageDecoder decoder, List<ImageSource> files, FloatBuffer batch, double seconds)
            throws IOException {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long images = 0;
        int length = decoder.spec().length();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < files.size(); i++) {
                decoder.decode(files.get(i), batch, i * length);
            }
            images += files.size();
        }
        return images / ((System.nanoTime() - start) / 1e9);
    }
}
