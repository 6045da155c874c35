package io.dataseq.processor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code n} valid readers of ten kinds, as a project of many readers would have them: one input and a class,
 * arrays, several inputs and outputs, an {@code @Image} with statistics, a streaming reader, a record, a reader that
 * writes its rows, one that inherits its annotated methods from an abstract base (a second file), a per-worker
 * reader, and a segmentation reader with a mask. Each has a few plain fields and helpers beside its annotated
 * methods. Reader {@code i} is always the same source, in package {@code bench.p<i % 10>}.
 */
public final class ReaderGenerator {
    /** How many kinds of reader it cycles through. */
    static final int KINDS = 10;
    /** The kind whose annotated methods are inherited from an abstract base class. */
    private static final int INHERITING = 7;

    private static final String IMPORTS = """
            import io.dataseq.RecordContext;
            import io.dataseq.annotation.DataSequence;
            import io.dataseq.annotation.Describe;
            import io.dataseq.annotation.ErrorPolicy;
            import io.dataseq.annotation.Features;
            import io.dataseq.annotation.Image;
            import io.dataseq.annotation.Label;
            import io.dataseq.annotation.Size;
            import java.nio.FloatBuffer;
            import java.nio.file.Path;
            import java.util.List;
            import org.nd4j.linalg.api.ndarray.INDArray;
            """;

    private ReaderGenerator() {}

    /**
     * Writes readers {@code 0 .. n-1} under {@code root} (a source folder) and returns their files.
     *
     * @param inheritance whether the inheriting kind inherits; without, it is written as the first kind, for a
     *     processor from before readers could inherit
     */
    public static List<Path> write(int n, Path root, boolean inheritance) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String packageName = "bench.p" + (i % 10);
            int kind = i % KINDS == INHERITING && !inheritance ? 0 : i % KINDS;
            for (SourceFile file : sources(i, kind)) {
                Path path = root.resolve(packageName.replace('.', '/')).resolve(file.name() + ".java");
                try {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, "package " + packageName + ";\n\n" + IMPORTS + "\n" + file.body(),
                            StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                files.add(path);
            }
        }
        return files;
    }

    /** One source file of a reader: its class's simple name, and what follows the imports. */
    record SourceFile(String name, String body) {}

    /** The files of reader {@code i}, of kind {@code kind}. */
    static List<SourceFile> sources(int i, int kind) {
        String name = "Reader" + i;
        String helpers = String.format(Locale.ROOT, """
                    private final int count = %d;
                    private final List<String> names = List.of("a", "b", "c");

                    %s(int seed) {
                        this.seed = seed;
                    }

                    private final int seed;

                    int seed() {
                        return seed;
                    }

                    static float scale(int value) {
                        return value / 255f;
                    }

                    private float[] values(int record, int length) {
                        float[] values = new float[length];
                        for (int k = 0; k < length; k++) {
                            values[k] = scale((record * 31 + k + seed) %% 256);
                        }
                        return values;
                    }
                """, 1000 + i, name);
        return switch (kind) {
            case 0 -> List.of(file(name, """
                    @DataSequence(batchSize = 32, shuffle = true, seed = %2$d)
                    public final class %1$s {
                    %3$s
                        @Size
                        public int size() {
                            return count;
                        }

                        @Features(shape = {16})
                        public float[] features(int record) {
                            return values(record, 16);
                        }

                        @Label(classes = 3, names = {"a", "b", "c"})
                        public int label(int record) {
                            return record %% names.size();
                        }
                    }
                    """, name, i, helpers));
            case 1 -> List.of(file(name, """
                    @DataSequence(batchSize = 64, workers = 2, prefetch = 4)
                    final class %1$s {
                    %3$s
                        @Size
                        int size() {
                            return count;
                        }

                        @Features(shape = {4, 8})
                        INDArray rows(int record, RecordContext context) {
                            throw new UnsupportedOperationException("bench");
                        }

                        @Label(shape = {2})
                        float[] targets(int record) {
                            return values(record, 2);
                        }

                        @Describe
                        String row(int record) {
                            return "row " + record;
                        }
                    }
                    """, name, i, helpers));
            case 2 -> List.of(file(name, """
                    @DataSequence(batchSize = 16, onError = ErrorPolicy.SKIP)
                    final class %1$s {
                    %3$s
                        @Size
                        int size() {
                            return count;
                        }

                        @Features(shape = {3, 8}, order = 0)
                        float[] video(int record) {
                            return values(record, 24);
                        }

                        @Features(shape = {12}, order = 1, name = "sound")
                        float[] audio(int record, RecordContext context) {
                            return values(record, 12);
                        }

                        @Label(classes = 4, order = 0)
                        int kind(int record) {
                            return record %% 4;
                        }

                        @Label(shape = {1}, order = 1)
                        float[] score(int record) {
                            return values(record, 1);
                        }
                    }
                    """, name, i, helpers));
            case 3 -> List.of(file(name, """
                    @DataSequence(batchSize = 32, shuffle = true)
                    final class %1$s {
                    %3$s
                        @Size
                        int size() {
                            return count;
                        }

                        @Features
                        @Image(height = 64, width = 64, mean = {0.485, 0.456, 0.406}, std = {0.229, 0.224, 0.225},
                                flipHorizontal = 0.5, cropScale = 0.9)
                        Path photo(int record, RecordContext context) {
                            return Path.of("photos", record + ".jpg");
                        }

                        @Label(classes = 10)
                        int label(int record) {
                            return record %% 10;
                        }

                        @Describe
                        Path file(int record) {
                            return Path.of("photos", record + ".jpg");
                        }
                    }
                    """, name, i, helpers));
            case 4 -> List.of(file(name, """
                    @DataSequence(batchSize = 8, stepsPerEpoch = 100)
                    final class %1$s {
                    %3$s
                        @Features(shape = {6})
                        float[] values(String line) {
                            return values(line.length(), 6);
                        }

                        @Label(classes = 2)
                        int label(String line, RecordContext context) {
                            return line.isEmpty() ? 0 : 1;
                        }

                        @Describe
                        String where(String line) {
                            return line;
                        }
                    }
                    """, name, i, helpers));
            case 5 -> List.of(file(name, """
                    @DataSequence(batchSize = 10)
                    record %1$s(float[][] rows, int[] labels) {
                        @Size
                        public int size() {
                            return labels.length;
                        }

                        @Features(shape = {%2$d})
                        public float[] row(int record) {
                            return rows[record];
                        }

                        @Label(classes = 5)
                        public int label(int record) {
                            return labels[record];
                        }

                        static %1$s empty() {
                            return new %1$s(new float[0][], new int[0]);
                        }
                    }
                    """, name, 1 + i % 7, ""));
            case 6 -> List.of(file(name, """
                    @DataSequence(batchSize = 128, workers = 0, prefetch = 1)
                    final class %1$s {
                    %3$s
                        @Size
                        int size() {
                            return count;
                        }

                        @Features(shape = {32})
                        void write(int record, RecordContext context, FloatBuffer row) {
                            row.put(values(record, 32));
                        }

                        @Label(shape = {1})
                        float[] target(int record) {
                            return values(record, 1);
                        }
                    }
                    """, name, i, helpers));
            case 7 -> List.of(file(name + "Base", """
                    abstract class %1$sBase {
                        @Size
                        abstract int size();

                        @Features(shape = {8})
                        abstract float[] features(int record);

                        @Label(classes = 2)
                        int label(int record) {
                            return record %% 2;
                        }
                    }
                    """, name, i, ""), file(name, """
                    @DataSequence(batchSize = 32)
                    final class %1$s extends %1$sBase {
                    %3$s
                        @Override
                        int size() {
                            return count;
                        }

                        @Override
                        float[] features(int record) {
                            return values(record, 8);
                        }
                    }
                    """, name, i, helpers));
            case 8 -> List.of(file(name, """
                    @DataSequence(perWorker = true, batchSize = 16, workers = 4, prefetch = 8, name = "%1$sBatches")
                    final class %1$s {
                    %3$s
                        private final float[] buffer = new float[20];

                        @Size
                        int size() {
                            return count;
                        }

                        @Features(shape = {20})
                        float[] features(int record) {
                            System.arraycopy(values(record, 20), 0, buffer, 0, 20);
                            return buffer;
                        }

                        @Label(classes = 3)
                        int label(int record) {
                            return record %% 3;
                        }

                        @Describe
                        long offset(int record) {
                            return record * 20L;
                        }
                    }
                    """, name, i, helpers));
            default -> List.of(file(name, """
                    @DataSequence(batchSize = 4)
                    final class %1$s {
                    %3$s
                        @Size
                        int size() {
                            return count;
                        }

                        @Features
                        @Image(height = 32, width = 48, flipHorizontal = 0)
                        byte[] image(int record) {
                            return new byte[0];
                        }

                        @Label
                        @Image(height = 32, width = 48, channels = Image.Channels.GRAY,
                                interpolation = Image.Interpolation.NEAREST, std = 1.0 / 255)
                        byte[] mask(int record) {
                            return new byte[0];
                        }
                    }
                    """, name, i, helpers));
        };
    }

    private static SourceFile file(String name, String template, String reader, int number, String helpers) {
        return new SourceFile(name, String.format(Locale.ROOT, template, reader, number, helpers));
    }
}
