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
 * What the processor generates for streaming readers, compared with golden sources and compiled with
 * {@code -Xlint:all -Werror} against the real runtime. Random access readers are {@link GeneratedSequenceTest}'s.
 */
class StreamingSequenceTest {

    @Test
    void recordDescriptorWithDescribeContextAndSettings(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.photos.Photos", """
                package io.dataseq.examples.photos;

                import io.dataseq.RecordContext;
                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Describe;
                import io.dataseq.annotation.ErrorPolicy;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import java.nio.file.Path;

                @DataSequence(batchSize = 16, shuffle = true, seed = 7, workers = 2, prefetch = 4,
                        onError = ErrorPolicy.SKIP, stepsPerEpoch = 100)
                public final class Photos {
                    public record Photo(Path file, int kind) {}

                    @Features(shape = {3})
                    public float[] pixels(Photo photo, RecordContext context) {
                        return new float[] {photo.kind(), context.random().nextFloat(), 0};
                    }

                    @Label(classes = 2, names = {"cat", "dog"})
                    public int kind(Photo photo) {
                        return photo.kind();
                    }

                    @Describe
                    public Path file(Photo photo) {
                        return photo.file();
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.photos.PhotosSequence", test);
    }

    @Test
    void perWorkerReaderOfLinesWithArrays(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.lines.Lines", """
                package io.dataseq.examples.lines;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import org.nd4j.linalg.api.ndarray.INDArray;
                import org.nd4j.linalg.factory.Nd4j;

                @DataSequence(perWorker = true, batchSize = 8)
                final class Lines {
                    private final float[] buffer = new float[2];

                    @Features(shape = {2})
                    INDArray values(String line) {
                        String[] fields = line.split(",");
                        buffer[0] = Float.parseFloat(fields[0]);
                        buffer[1] = Float.parseFloat(fields[1]);
                        return Nd4j.create(buffer);
                    }

                    @Label(shape = {1})
                    float[] target(String line) {
                        return new float[] {Float.parseFloat(line.split(",")[2])};
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.lines.LinesSequence", test);
    }

    @Test
    void imageOfEachDescriptor(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.scans.Scans", """
                package io.dataseq.examples.scans;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Image;
                import io.dataseq.annotation.Label;
                import java.nio.file.Path;

                @DataSequence
                public final class Scans {
                    public record Scan(Path file, int kind) {}

                    @Features
                    @Image(height = 28, width = 28)
                    public Path scan(Scan scan) {
                        return scan.file();
                    }

                    @Label(classes = 3)
                    public int kind(Scan scan) {
                        return scan.kind();
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.scans.ScansSequence", test);
    }

    @Test
    void streamedPhotosWithMasks(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.segmentation.Tiles", """
                package io.dataseq.examples.segmentation;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Image;
                import io.dataseq.annotation.Label;
                import java.nio.file.Path;

                @DataSequence(batchSize = 8)
                public final class Tiles {
                    public record Tile(Path photo, Path mask) {}

                    @Features
                    @Image(height = 32, width = 32)
                    public Path photo(Tile tile) {
                        return tile.photo();
                    }

                    @Label
                    @Image(height = 32, width = 32, channels = Image.Channels.GRAY,
                            interpolation = Image.Interpolation.NEAREST)
                    public Path mask(Tile tile) {
                        return tile.mask();
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.segmentation.TilesSequence", test);
    }

    /** Several inputs and outputs: a MultiDataSetSequence over the stream, arrays in their declared order. */
    @Test
    void severalInputsAndOutputsOfAnEndlessStream(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.seeds.Seeds", """
                package io.dataseq.examples.seeds;

                import io.dataseq.RecordContext;
                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Describe;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Image;
                import io.dataseq.annotation.Label;
                import java.nio.file.Path;

                @DataSequence(batchSize = 4, shuffle = true, stepsPerEpoch = 50)
                public final class Seeds {
                    public record Seed(Path photo, int row, int kind) {}

                    @Features(order = 0)
                    @Image(height = 16, width = 16)
                    public Path photo(Seed seed) {
                        return seed.photo();
                    }

                    @Features(shape = {8}, name = "spectrum", order = 1)
                    public float[] spectrum(Seed seed, RecordContext context) {
                        return new float[8];
                    }

                    @Label(classes = 3, order = 0)
                    public int kind(Seed seed) {
                        return seed.kind();
                    }

                    @Label(shape = {1}, name = "weight", order = 1)
                    public float[] weight(Seed seed) {
                        return new float[] {seed.row()};
                    }

                    @Describe
                    public Path file(Seed seed) {
                        return seed.photo();
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.seeds.SeedsSequence", test);
    }
}
