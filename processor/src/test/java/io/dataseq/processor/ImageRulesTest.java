package io.dataseq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.dataseq.processor.Compilations.compile;
import static io.dataseq.processor.Readers.assertOnlyError;
import static io.dataseq.processor.Readers.reader;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The rules about {@code @Image}: where it may be, what its method returns, and the values it declares. */
class ImageRulesTest {
    private static final String SIZE = "    @Size int size() { return 1; }\n";
    private static final String FEATURES = "    @Features(shape = {2}) float[] pixels(int record) { return new float[2]; }\n";

    private static JavaFileObject readerWith(String members) {
        return reader("@DataSequence\nclass Reader {\n" + members + "}\n");
    }

    @Test
    @Covers(Message.IMAGE_NOT_ON_FEATURES)
    void imageOnADescription() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Describe
                    @Image(height = 28, width = 28)
                    String name(int record) { return ""; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_NOT_ON_FEATURES] @Image method name(int) must also be annotated @Features or @Label; found"
                        + " @Describe. Put @Image on the @Features or @Label method that returns the image: it"
                        + " declares how to decode that method's value.",
                "@Image");
    }

    @Test
    void imageOnAClassIndexLabel() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(classes = 2)
                    @Image(height = 28, width = 28)
                    int label(int record) { return 0; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_TYPE] @Label method label(int) has @Image, so it must return Path, File, String, byte[] or"
                        + " Mat; found int.",
                "@Label");
    }

    @Test
    void maskWithoutImage() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label(shape = {1, 8, 8})
                    Path mask(int record) { return null; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_MISSING] @Label method mask(int) returns Path, an image to decode, so it must have @Image.",
                "@Label");
    }

    @Test
    @Covers(Message.IMAGE_LABEL_AUGMENTED)
    void maskWithChangedLevels() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label
                    @Image(height = 8, width = 8, interpolation = Image.Interpolation.NEAREST,
                            brightness = 0.2)
                    Path mask(int record) { return null; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_LABEL_AUGMENTED] @Label method mask(int) must not change the levels of its @Image with"
                        + " brightness; found brightness = 0.2. Remove brightness: contrast and brightness change an"
                        + " input's pixels, and would change the class numbers of a target image such as a mask. A"
                        + " label image may follow its input's crop, rotation and mirror (cropScale, rotateDegrees,"
                        + " flipHorizontal).",
                "brightness = 0.2");
    }

    /** An image with every augmentation, and its mask with the same crop, rotation and mirror. */
    private static final String AUGMENTED_IMAGE = """
                @Features
                @Image(height = 8, width = 8, flipHorizontal = 0.5, rotateDegrees = 10, cropScale = 0.8,
                        brightness = 0.1, contrast = 0.1)
                Path image(int record) { return null; }
            """;

    @Test
    void maskWithTheGeometryOfItsImageIsAugmentedWithIt() {
        JavaFileObject source = readerWith(SIZE + AUGMENTED_IMAGE + """
                    @Label
                    @Image(height = 8, width = 8, channels = Image.Channels.GRAY,
                            interpolation = Image.Interpolation.NEAREST,
                            flipHorizontal = 0.5, rotateDegrees = 10, cropScale = 0.8)
                    Path mask(int record) { return null; }
                """);

        assertThat(compile(source)).succeededWithoutWarnings();
    }

    @Test
    @Covers(Message.IMAGE_LABEL_GEOMETRY)
    void maskWithAnotherGeometryThanItsImage() {
        JavaFileObject source = readerWith(SIZE + AUGMENTED_IMAGE + """
                    @Label
                    @Image(height = 8, width = 8, channels = Image.Channels.GRAY,
                            interpolation = Image.Interpolation.NEAREST,
                            flipHorizontal = 0.5, rotateDegrees = 15, cropScale = 0.8)
                    Path mask(int record) { return null; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_LABEL_GEOMETRY] @Label method mask(int) must declare the same @Image rotateDegrees as the"
                        + " other augmented images of its record; found rotateDegrees = 15.0, and 10.0 in @Features"
                        + " method image(int). Give rotateDegrees the same value in both: the crop, rotation and"
                        + " mirror of a record are drawn once for all its images, so a label image augmented"
                        + " otherwise would no longer match the image it labels.",
                "rotateDegrees = 15");
    }

    @Test
    void maskThatLeavesOutPartOfTheGeometryIsToldEachValueAtItsImage() {
        JavaFileObject source = readerWith(SIZE + AUGMENTED_IMAGE + """
                    @Label
                    @Image(height = 8, width = 8, channels = Image.Channels.GRAY,
                            interpolation = Image.Interpolation.NEAREST, flipHorizontal = 0.5)
                    Path mask(int record) { return null; }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("found rotateDegrees = 0.0, and 10.0 in @Features method"
                + " image(int)").inFile(source).onLineContaining("@Image(height = 8, width = 8, channels");
        assertThat(compilation).hadErrorContaining("found cropScale = 1.0, and 0.8 in @Features method image(int)")
                .inFile(source).onLineContaining("@Image(height = 8, width = 8, channels");
    }

    @Test
    @Covers(Message.IMAGE_LABEL_INTERPOLATION)
    void maskResizedWithBlending() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label
                    @Image(height = 8, width = 8, channels = Image.Channels.GRAY,
                            interpolation = Image.Interpolation.LINEAR)
                    Path mask(int record) { return null; }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining(
                "[IMAGE_LABEL_INTERPOLATION] @Label method mask(int) resizes its @Image with LINEAR interpolation,"
                        + " which blends neighbouring pixels: the class numbers of a mask would be blended into"
                        + " values that are no class. Set interpolation = Image.Interpolation.NEAREST for a mask;"
                        + " for a target of continuous values, e.g. a depth map, keep LINEAR.")
                .inFile(source).onLineContaining("interpolation = Image.Interpolation.LINEAR");
    }

    @Test
    void maskWithDefaultInterpolationIsWarnedAtItsImage() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Label
                    @Image(height = 8, width = 8, channels = Image.Channels.GRAY)
                    Path mask(int record) { return null; }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining("with AREA interpolation").inFile(source)
                .onLineContaining("@Image");
    }

    @Test
    void imageWithoutAnyOtherAnnotation() {
        JavaFileObject source = readerWith(SIZE + FEATURES + """
                    @Image(height = 28, width = 28)
                    Path photo(int record) { return null; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_NOT_ON_FEATURES] @Image method photo(int) must also be annotated @Features or @Label; found"
                        + " only @Image.",
                "@Image");
    }

    @Test
    @Covers(Message.IMAGE_MISSING)
    void pathWithoutImage() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    Path photo(int record) { return null; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_MISSING] @Features method photo(int) returns Path, an image to decode, so it must have"
                        + " @Image. Add @Image(height = ..., width = ...) to declare the size to decode it to, or"
                        + " return the pixels as float[] or INDArray with a shape.",
                "@Features");
    }

    @Test
    @Covers(Message.IMAGE_TYPE)
    void imageOnFloats() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {1, 2, 2})
                    @Image(height = 2, width = 2)
                    float[] pixels(int record) { return new float[4]; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_TYPE] @Features method pixels(int) has @Image, so it must return Path, File, String, byte[]"
                        + " or Mat; found float[]. Return the image file, its bytes or a decoded Mat; or remove"
                        + " @Image and return the pixels as float[] or INDArray with a shape.",
                "@Features");
    }

    @Test
    @Covers(Message.IMAGE_SHAPE)
    void shapeThatDisagreesWithTheImage() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features(shape = {3, 28, 28})
                    @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
                    byte[] digit(int record) { return new byte[0]; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_SHAPE] @Features method digit(int) must have the shape its @Image gives, {1, 28, 28};"
                        + " found {3, 28, 28}. Remove shape: @Image implies {channels, height, width}.",
                "@Features(shape");
    }

    @Test
    @Covers(Message.IMAGE_TOO_LARGE)
    void imageOfMoreValuesThanAnArrayHolds() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    @Image(height = 40000,
                            width = 40000)
                    String photo(int record) { return "a.png"; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_TOO_LARGE] @Features method photo(int) has an @Image of 4800000000 values (channels x"
                        + " height x width), more than 2^31 - 1. Declare a smaller height or width: the values of"
                        + " one image must fit in one Java array.",
                "height = 40000");
    }

    @Test
    @Covers(Message.IMAGE_VALUES_COUNT)
    void twoMeansForThreeChannels() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    @Image(height = 8, width = 8,
                            mean = {0.5, 0.5})
                    java.io.File photo(int record) { return null; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_VALUES_COUNT] @Features method photo(int) must give @Image mean one value, or one per"
                        + " channel (3 for RGB); found 2: {0.5, 0.5}. Give one value for all channels, or one for"
                        + " each channel in the order of channels; leave it out for none.",
                "mean = {0.5, 0.5}");
    }

    @Test
    @Covers(Message.IMAGE_VALUE_RANGE)
    void negativeStd() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    @Image(height = 8, width = 8,
                            std = -1)
                    Path photo(int record) { return null; }
                """);

        assertOnlyError(compile(source), source,
                "[IMAGE_VALUE_RANGE] @Features method photo(int) must have @Image std values above 0 (and finite);"
                        + " found -1.0. Change std: the javadoc of @Image says what it means and what its default"
                        + " is.",
                "std = -1");
    }

    /** ImageNet's statistics as often published, in 0-255 units: the message gives them as DataSeq needs them. */
    @Test
    @Covers(Message.IMAGE_STATISTICS_SCALE)
    void meanAndStdIn255Units() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    @Image(height = 224, width = 224,
                            mean = {123.675, 116.28, 103.53},
                            std = {58.395, 57.12, 57.375})
                    Path photo(int record) { return null; }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("[IMAGE_STATISTICS_SCALE] @Features method photo(int) has @Image"
                        + " mean {123.675, 116.28, 103.53}, in 0-255 units, but DataSeq scales pixels to [0, 1] before"
                        + " it subtracts the mean and divides by the std. Divide by 255: mean = {0.485, 0.456, 0.406}.")
                .inFile(source).onLineContaining("mean = {123.675");
        assertThat(compilation).hadErrorContaining("[IMAGE_STATISTICS_SCALE] @Features method photo(int) has @Image"
                        + " std {58.395, 57.12, 57.375}, in 0-255 units, but DataSeq scales pixels to [0, 1] before"
                        + " it subtracts the mean and divides by the std. Divide by 255: std = {0.229, 0.224, 0.225}.")
                .inFile(source).onLineContaining("std = {58.395");
    }

    /** Statistics in [0, 1], and a std of 1/255 that keeps 0-255 values, are what DataSeq expects. */
    @Test
    void meanAndStdInUnitsOfTheScaledPixels() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    @Image(height = 8, width = 8, mean = {0.485, 0.456, 0.406}, std = {0.229, 0.224, 0.225})
                    Path photo(int record) { return null; }
                    @Label
                    @Image(height = 8, width = 8, channels = Image.Channels.GRAY,
                            interpolation = Image.Interpolation.NEAREST, std = 1.0 / 255)
                    Path mask(int record) { return null; }
                """);

        assertThat(Compilations.compileStrictly(source)).succeededWithoutWarnings();
    }

    @Test
    void everyValueOutOfItsRangeIsReportedOnItsLine() {
        JavaFileObject source = readerWith(SIZE + """
                    @Features
                    @Image(height = 0,
                            width = -3,
                            mean = 0.0 / 0.0,
                            maxPixels = 0,
                            flipHorizontal = 1.5,
                            rotateDegrees = 190,
                            cropScale = 0,
                            brightness = -0.1,
                            contrast = 2)
                    Path photo(int record) { return null; }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(9);
        String[][] expected = {
            {"height of at least 1; found 0", "height = 0"},
            {"width of at least 1; found -3", "width = -3"},
            {"mean values that are finite; found NaN", "mean = 0.0"},
            {"maxPixels of at least 1; found 0", "maxPixels = 0"},
            {"flipHorizontal from 0 to 1; found 1.5", "flipHorizontal = 1.5"},
            {"rotateDegrees from 0 to 180; found 190.0", "rotateDegrees = 190"},
            {"cropScale above 0 and at most 1; found 0.0", "cropScale = 0"},
            {"brightness from 0 to 1; found -0.1", "brightness = -0.1"},
            {"contrast from 0 to 1; found 2.0", "contrast = 2"},
        };
        for (String[] error : expected) {
            assertThat(compilation).hadErrorContaining("[IMAGE_VALUE_RANGE] @Features method photo(int) must have"
                    + " @Image " + error[0]).inFile(source).onLineContaining(error[1]);
        }
    }

    @Test
    void aBadImageReaderDoesNotStopAGoodOne() {
        JavaFileObject bad = reader("Bad", "@DataSequence\nclass Bad {\n" + SIZE
                + "    @Features @Image(height = 0, width = 8) Path photo(int record) { return null; }\n}\n");
        JavaFileObject good = reader("Good", "@DataSequence\nclass Good {\n" + SIZE
                + "    @Features @Image(height = 8, width = 8) byte[] photo(int record) { return new byte[0]; }\n}\n");

        RecordingProcessor processor = new RecordingProcessor(new DataSequenceProcessor());

        Compilation compilation = javac().withProcessors(processor).compile(bad, good);

        assertThat(compilation).hadErrorCount(1);
        assertEquals(List.of("test.GoodSequence"), processor.createdSources());
    }
}
