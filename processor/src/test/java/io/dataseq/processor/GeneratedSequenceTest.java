package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.dataseq.processor.Compilations.compileStrictly;
import static io.dataseq.processor.Compilations.source;
import static io.dataseq.processor.Goldens.assertMatchesGolden;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What the processor generates for valid readers, compared with golden sources. Every reader is compiled with
 * {@code -Xlint:all -Werror} against the real runtime, so the generated code is proven to compile cleanly.
 */
class GeneratedSequenceTest {

    @Test
    void digits(TestInfo test) {
        JavaFileObject digits = JavaFileObjects.forResource("readers/io/dataseq/examples/mnist/Digits.java");

        Compilation compilation = compileStrictly(digits);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.mnist.DigitsSequence", test);
    }

    @Test
    void arrayFeaturesAndFloatLabel(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.houses.Houses", """
                package io.dataseq.examples.houses;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;
                import org.nd4j.linalg.api.ndarray.INDArray;

                @DataSequence
                public final class Houses {
                    private final INDArray rows;
                    private final float[][] prices;

                    public Houses(INDArray rows, float[][] prices) {
                        this.rows = rows;
                        this.prices = prices;
                    }

                    @Size
                    public int count() {
                        return prices.length;
                    }

                    @Features(shape = {13})
                    public INDArray row(int record) {
                        return rows.getRow(record);
                    }

                    @Label(shape = {2})
                    public float[] prices(int record) {
                        return prices[record];
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.houses.HousesSequence", test);
    }

    @Test
    void severalInputsAndOutputsInDeclaredOrder(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.clips.Clips", """
                package io.dataseq.examples.clips;

                import io.dataseq.RecordContext;
                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;

                @DataSequence(batchSize = 16, shuffle = true)
                public final class Clips {
                    private final float[][] frames;
                    private final float[][] sounds;
                    private final int[] kinds;

                    public Clips(float[][] frames, float[][] sounds, int[] kinds) {
                        this.frames = frames;
                        this.sounds = sounds;
                        this.kinds = kinds;
                    }

                    @Size
                    public int size() {
                        return kinds.length;
                    }

                    // Declared after the image, bound before it: order, not source order, decides.
                    @Features(shape = {375}, order = 1)
                    public float[] audio(int record) {
                        return sounds[record];
                    }

                    @Features(shape = {1, 16, 16}, order = 0, name = "image")
                    public float[] frame(int record, RecordContext context) {
                        return frames[record];
                    }

                    @Label(classes = 4, names = {"a", "b", "c", "d"}, order = 0)
                    public int kind(int record) {
                        return kinds[record];
                    }

                    @Label(shape = {4}, order = 1)
                    public float[] tags(int record) {
                        float[] tags = new float[4];
                        tags[kinds[record]] = 1;
                        return tags;
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.clips.ClipsSequence", test);
    }

    @Test
    void nestedReader(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.Catalogue", """
                package io.dataseq.examples;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;

                public final class Catalogue {
                    private Catalogue() {}

                    @DataSequence(batchSize = 8)
                    public static final class Items {
                        @Size
                        public int size() {
                            return 3;
                        }

                        @Features(shape = {4})
                        public float[] vector(int record) {
                            return new float[4];
                        }

                        @Label(classes = 3, names = {"book", "record", "tape"})
                        public int kind(int record) {
                            return record;
                        }
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.Catalogue_ItemsSequence", test);
    }

    @Test
    void recordContextCustomNamesAndSettings(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.faces.Faces", """
                package io.dataseq.examples.faces;

                import io.dataseq.RecordContext;
                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.ErrorPolicy;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;
                import java.nio.file.Path;
                import java.util.List;
                import org.nd4j.linalg.api.ndarray.INDArray;

                @DataSequence(name = "FaceBatches", batchSize = 16, shuffle = true, seed = -7, dropLast = true,
                        workers = 4, prefetch = 12, onError = ErrorPolicy.SKIP)
                public class Faces {
                    private final List<Path> files;

                    public Faces(List<Path> files) {
                        this.files = files;
                    }

                    @Size
                    int size() {
                        return files.size();
                    }

                    @Features(shape = {3, 64, 64}, name = "face")
                    INDArray image(int record, RecordContext context) throws java.io.IOException {
                        throw new java.io.IOException("decode " + files.get(record) + context.random().nextInt());
                    }

                    @Label(classes = 2, names = {"closed", "open"}, name = "eyes")
                    int eyesOpen(int record, RecordContext context) {
                        return context.random().nextInt(2);
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.faces.FaceBatches", test);
    }

    @Test
    void describeNamesTheFile(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.scans.Scans", """
                package io.dataseq.examples.scans;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Describe;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;
                import java.io.IOException;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.List;

                @DataSequence(batchSize = 4)
                public final class Scans {
                    private final List<Path> files;

                    public Scans(List<Path> files) {
                        this.files = files;
                    }

                    @Size
                    public int size() {
                        return files.size();
                    }

                    @Features(shape = {16})
                    public float[] bytes(int record) throws IOException {
                        byte[] bytes = Files.readAllBytes(files.get(record));
                        float[] values = new float[16];
                        for (int i = 0; i < values.length && i < bytes.length; i++) {
                            values[i] = bytes[i];
                        }
                        return values;
                    }

                    @Label(classes = 2)
                    public int label(int record) {
                        return record % 2;
                    }

                    @Describe
                    public Path file(int record) {
                        return files.get(record);
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.scans.ScansSequence", test);
    }

    @Test
    void packagePrivateRecordInUnnamedPackage(TestInfo test) {
        JavaFileObject reader = source("Points", """
                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Size;

                @DataSequence(workers = 0, prefetch = 1)
                record Points(float[][] points) {
                    @Size
                    public int size() {
                        return points.length;
                    }

                    @Features(shape = {2})
                    public float[] point(int record) {
                        return points[record];
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "PointsSequence", test);
    }

    @Test
    void perWorkerReaderWithABuffer(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.audio.Clips", """
                package io.dataseq.examples.audio;

                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Size;
                import java.util.List;

                @DataSequence(perWorker = true, batchSize = 8)
                public final class Clips {
                    private final List<float[]> clips;
                    private float[] window = new float[4];

                    public Clips(List<float[]> clips) {
                        this.clips = clips;
                    }

                    @Size
                    public int size() {
                        return clips.size();
                    }

                    @Features(shape = {4})
                    public float[] window(int record) {
                        System.arraycopy(clips.get(record), 0, window, 0, window.length);
                        return window;
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        // No of(reader) or builder(reader), and no NON_FINAL_FIELD warning: no instance is ever shared.
        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.audio.ClipsSequence", test);
    }

    /**
     * Methods that write their values into their rows of the batch, with and without a {@code RecordContext}, bound
     * with {@code directFeatures}; beside a label that returns its value, as before.
     */
    @Test
    void featuresWrittenIntoTheBatch(TestInfo test) {
        JavaFileObject reader = source("io.dataseq.examples.vectors.Vectors", """
                package io.dataseq.examples.vectors;

                import io.dataseq.RecordContext;
                import io.dataseq.annotation.DataSequence;
                import io.dataseq.annotation.Features;
                import io.dataseq.annotation.Label;
                import io.dataseq.annotation.Size;
                import java.io.IOException;
                import java.nio.FloatBuffer;

                @DataSequence(batchSize = 16)
                public final class Vectors {
                    private final float[][] rows;

                    public Vectors(float[][] rows) {
                        this.rows = rows;
                    }

                    @Size
                    public int size() {
                        return rows.length;
                    }

                    @Features(shape = {2, 4}, order = 0)
                    public void vector(int record, FloatBuffer row) throws IOException {
                        row.put(0, rows[record]);
                    }

                    @Features(shape = 8, order = 1, name = "noisy")
                    void jittered(int record, RecordContext context, FloatBuffer row) {
                        for (int i = 0; i < 8; i++) {
                            row.put(i, rows[record][i] + (float) context.random().nextDouble());
                        }
                    }

                    @Label(classes = 2)
                    public int label(int record) {
                        return record % 2;
                    }
                }
                """);

        Compilation compilation = compileStrictly(reader);

        assertThat(compilation).succeededWithoutWarnings();
        assertMatchesGolden(compilation, "io.dataseq.examples.vectors.VectorsSequence", test);
    }
}
