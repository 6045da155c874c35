package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.dataseq.processor.Compilations.compileStrictly;
import static io.dataseq.processor.Compilations.source;
import static io.dataseq.processor.Goldens.assertMatchesGolden;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What the processor generates for {@code @Image} readers of each kind of return value (a file, its bytes, a
 * decoded {@code Mat}), and for an image as a label (a segmentation mask), compared with golden sources and compiled
 * with {@code -Xlint:all -Werror}: the spec sets only the attributes that are not their defaults.
 */
class GeneratedImageSequenceTest {

    @Test
    void pathWithImageNetStatistics(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.photos.Photos", """
                package io.dataseq.examples.photos;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Describe;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Image;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;
                import java.nio.file.Path;
                import java.util.List;

                @DataSequence(batchSize = 64, shuffle = true)
                public final class Photos {
                    private final List<Path> files;
                    private final int[] classes;

                    public Photos(List<Path> files, int[] classes) {
                        this.files = List.copyOf(files);
                        this.classes = classes.clone();
                    }

                    @Size
                    public int size() {
                        return files.size();
                    }

                    @Features
                    @Image(height = 224, width = 224, channels = Image.Channels.RGB,
                            mean = {0.485, 0.456, 0.406}, std = {0.229, 0.224, 0.225})
                    public Path photo(int record) {
                        return files.get(record);
                    }

                    @Label(classes = 1000)
                    public int label(int record) {
                        return classes[record];
                    }

                    @Describe
                    public Path file(int record) {
                        return files.get(record);
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.photos.PhotosSequence", test);
    }

    @Test
    void grayBytesWithAugmentationAndContext(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.archive.Scans", """
                package io.dataseq.examples.archive;

                import io.dataseq.RecordContext;
                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Image;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;
                import java.util.List;

                @DataSequence(batchSize = 32)
                final class Scans {
                    private final List<byte[]> images;

                    Scans(List<byte[]> images) {
                        this.images = List.copyOf(images);
                    }

                    @Size
                    int size() {
                        return images.size();
                    }

                    @Features(shape = {1, 28, 28}, name = "scan")
                    @Image(height = 28, width = 28, channels = Image.Channels.GRAY, flipHorizontal = 0.5,
                            rotateDegrees = 10, cropScale = 0.8, brightness = 0.1, contrast = 0.2)
                    byte[] bytes(int record, RecordContext context) {
                        return images.get(record);
                    }

                    @Label(shape = {1})
                    float[] ink(int record) {
                        return new float[] {images.get(record).length};
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.archive.ScansSequence", test);
    }

    @Test
    void decodedMatWithEveryDecodingAttribute(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.video.Frames", """
                package io.dataseq.examples.video;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Image;
                import io.dataseq.annotation.Size;
                import java.util.List;
                import org.bytedeco.opencv.opencv_core.Mat;

                @DataSequence
                public final class Frames {
                    private final List<Mat> frames;

                    public Frames(List<Mat> frames) {
                        this.frames = List.copyOf(frames);
                    }

                    @Size
                    public int size() {
                        return frames.size();
                    }

                    @Features
                    @Image(height = 120, width = 160, channels = Image.Channels.BGR,
                            interpolation = Image.Interpolation.CUBIC, mean = 0.5, std = 1.0 / 255,
                            maxPixels = 4_000_000, reducedDecode = false, corruptJpeg = Image.CorruptJpeg.FAIL)
                    public Mat frame(int record) {
                        return new Mat(frames.get(record));
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.video.FramesSequence", test);
    }

    @Test
    void segmentationMaskAsALabelImage(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.segmentation.Streets", """
                package io.dataseq.examples.segmentation;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Image;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;
                import java.nio.file.Path;
                import java.util.List;

                @DataSequence(batchSize = 8, shuffle = true)
                public final class Streets {
                    private final List<Path> photos;
                    private final List<Path> masks;

                    public Streets(List<Path> photos, List<Path> masks) {
                        this.photos = List.copyOf(photos);
                        this.masks = List.copyOf(masks);
                    }

                    @Size
                    public int size() {
                        return photos.size();
                    }

                    @Features
                    @Image(height = 128, width = 256, flipHorizontal = 0.5)
                    public Path photo(int record) {
                        return photos.get(record);
                    }

                    @Label
                    @Image(height = 128, width = 256, channels = Image.Channels.GRAY,
                            interpolation = Image.Interpolation.NEAREST, std = 1.0 / 255)
                    public Path mask(int record) {
                        return masks.get(record);
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.segmentation.StreetsSequence", test);
    }

    @Test
    void maskBytesBesideAClassAsSeveralOutputs(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.segmentation.Cells", """
                package io.dataseq.examples.segmentation;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Image;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;
                import java.util.List;

                @DataSequence(batchSize = 4)
                public final class Cells {
                    private final List<byte[]> scans;
                    private final List<byte[]> masks;

                    public Cells(List<byte[]> scans, List<byte[]> masks) {
                        this.scans = List.copyOf(scans);
                        this.masks = List.copyOf(masks);
                    }

                    @Size
                    public int size() {
                        return scans.size();
                    }

                    @Features
                    @Image(height = 64, width = 64, channels = Image.Channels.GRAY)
                    public byte[] scan(int record) {
                        return scans.get(record);
                    }

                    @Label(order = 0, name = "cells")
                    @Image(height = 64, width = 64, channels = Image.Channels.GRAY,
                            interpolation = Image.Interpolation.NEAREST, std = 1.0 / 255)
                    public byte[] mask(int record) {
                        return masks.get(record);
                    }

                    @Label(order = 1, classes = 2)
                    public int healthy(int record) {
                        return record % 2;
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.segmentation.CellsSequence", test);
    }
}
