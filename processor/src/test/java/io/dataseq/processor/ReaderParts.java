package io.dataseq.processor;

import static io.dataseq.processor.ReaderPart.bad;
import static io.dataseq.processor.ReaderPart.javacError;
import static io.dataseq.processor.ReaderPart.ok;

import io.dataseq.processor.ReaderKind.Body;
import io.dataseq.processor.ReaderPart.Effect;
import java.util.List;

/**
 * Every way {@link MalformedReaders} writes each part of a reader: right ones, the catalogue's mistakes, and odd
 * Java. A features method taking something other than {@code int} first (a {@code long}, an {@code Integer},
 * {@code int...}) is not drawn here: without {@code @Size} it makes a streaming reader, whose rules the streaming
 * {@link ReaderKind}s draw; with it, it is a record parameter of the wrong type, which {@code MethodRulesTest} covers
 * and {@link ReaderKind#SIZED_WITH_DESCRIPTORS} draws. Drawn here as well: generic methods, varargs, arrays of arrays,
 * boxed types, overloads, unknown types, annotations where their {@code @Target} forbids them.
 */
final class ReaderParts {
    private ReaderParts() {}

    static final List<ReaderPart> SETTINGS = List.of(
            ok("defaults", ""),
            ok("training", "batchSize = 16, shuffle = true, seed = -7L, dropLast = true"),
            ok("workers and prefetch", "workers = 2, prefetch = 2"),
            ok("no read-ahead", "workers = 0, prefetch = 1"),
            ok("skip", "onError = ErrorPolicy.SKIP"),
            ok("per worker", "perWorker = true").with(Effect.PER_WORKER),
            ok("renamed", "name = \"Custom\"").with(Effect.RENAMES),
            ok("distributed", "distributed = true")
                    .only(kind -> !kind.isStreaming() && kind != ReaderKind.GENERIC_RECORD),
            bad("distributed stream", "distributed = true", Message.DISTRIBUTED_STREAMING)
                    .only(ReaderKind::isStreaming),
            // Its component, of type T, is no value a lambda can carry to an executor.
            bad("distributed generic record", "distributed = true", Message.DISTRIBUTED_NOT_REBUILDABLE)
                    .only(kind -> kind == ReaderKind.GENERIC_RECORD),
            bad("named like java.lang.Long", "name = \"Long\"", Message.NAME_HIDES_TYPE).with(Effect.RENAMES),
            bad("steps per epoch", "stepsPerEpoch = 10", Message.STEPS_PER_EPOCH_IGNORED),
            bad("negative steps per epoch", "stepsPerEpoch = -3", Message.STEPS_PER_EPOCH_INVALID),
            bad("batch 0", "batchSize = 0", Message.BATCH_SIZE_TOO_SMALL),
            bad("workers -2", "workers = -2", Message.WORKERS_INVALID),
            bad("prefetch 0", "prefetch = 0", Message.PREFETCH_INVALID),
            bad("both negative", "workers = -5, prefetch = -5", Message.WORKERS_INVALID, Message.PREFETCH_INVALID),
            bad("prefetch without workers", "workers = 0, prefetch = 4", Message.PREFETCH_WITHOUT_WORKERS),
            bad("prefetch below workers", "workers = 4, prefetch = 2", Message.PREFETCH_BELOW_WORKERS),
            bad("per worker without workers", "perWorker = true, workers = 0, prefetch = 2",
                    Message.PREFETCH_WITHOUT_WORKERS).with(Effect.PER_WORKER),
            bad("three at once", "batchSize = 0, workers = 0, prefetch = 3", Message.BATCH_SIZE_TOO_SMALL,
                    Message.PREFETCH_WITHOUT_WORKERS),
            bad("qualified name", "name = \"bad.Name\"", Message.NAME_INVALID),
            bad("keyword name", "name = \"class\"", Message.NAME_INVALID),
            javacError("unknown constant", "batchSize = BATCH", Effect.DEFERS_READER));

    static final List<ReaderPart> FIELDS = List.of(
            ok("none", ""),
            ok("final", "private final List<String> names = List.of();"),
            ok("static", "private static int created;"),
            bad("buffer", "private float[] buffer = new float[2];", Message.NON_FINAL_FIELD),
            bad("two counters", "int reads;\nvolatile long bytes;", Message.NON_FINAL_FIELD, Message.NON_FINAL_FIELD),
            javacError("@Size on a field", "@Size int count;", Effect.STOPS_PROCESSING))
            .stream().map(part -> part.source().isEmpty() ? part : part.only(kind -> kind.body() == Body.CLASS))
            .toList();

    static final List<ReaderPart> SIZE = List.of(
            ok("plain", "@Size {d}int size() {B}"),
            ok("generic", "@Size {d}<T> int size() {B}"),
            ok("overloaded", "@Size {d}int size() {B}\n{d}int size(int scale) {B}"),
            bad("missing", "", Message.SIZE_MISSING),
            bad("private", "@Size private int size() {B}", Message.METHOD_PRIVATE),
            bad("static", "@Size static int size() {B}", Message.METHOD_STATIC),
            bad("long", "@Size {d}long size() {B}", Message.SIZE_SIGNATURE),
            bad("boxed", "@Size {d}Integer size() {B}", Message.SIZE_SIGNATURE),
            bad("parameter", "@Size {d}int size(int shard) {B}", Message.SIZE_SIGNATURE),
            bad("throws", "@Size {d}int size() throws java.io.IOException {B}", Message.SIZE_THROWS),
            bad("two", "@Size {d}int size() {B}\n@Size {d}int count() {B}", Message.SIZE_DUPLICATE),
            bad("private static throwing", "@Size private static int size() throws Exception {B}",
                    Message.METHOD_PRIVATE, Message.METHOD_STATIC, Message.SIZE_THROWS),
            javacError("unknown type", "@Size {d}Count size() {B}", Effect.DEFERS_READER));

    static final List<ReaderPart> FEATURES = List.of(
            ok("float[]", "@Features(shape = {2}) {d}float[] pixels(int record) {B}"),
            ok("INDArray with context", "@Features(shape = {2, 2}) {d}INDArray pixels(int record,"
                    + " RecordContext context) throws java.io.IOException {B}"),
            ok("generic method", "@Features(shape = {2}) {d}<T> float[] pixels(int record) {B}"),
            ok("overloaded", "@Features(shape = {2}) {d}float[] pixels(int record) {B}\n"
                    + "{d}float[] pixels(String file) {B}"),
            ok("abstract", "@Features(shape = {2}) abstract float[] pixels(int record);")
                    .only(kind -> kind == ReaderKind.ABSTRACT),
            bad("missing", "", Message.FEATURES_MISSING),
            bad("private", "@Features(shape = {2}) private float[] pixels(int record) {B}", Message.METHOD_PRIVATE),
            bad("static", "@Features(shape = {2}) static float[] pixels(int record) {B}", Message.METHOD_STATIC),
            bad("context varargs", "@Features(shape = {2}) {d}float[] pixels(int record, RecordContext... contexts)"
                    + " {B}", Message.METHOD_PARAMETERS),
            bad("no record", "@Features(shape = {2}) {d}float[] pixels() {B}", Message.METHOD_PARAMETERS),
            bad("void", "@Features(shape = {2}) {d}void pixels(int record) {B}", Message.RETURNS_VOID),
            bad("String", "@Features(shape = {2}) {d}String pixels(int record) {B}", Message.IMAGE_MISSING),
            bad("double[]", "@Features(shape = {2}) {d}double[] pixels(int record) {B}", Message.FEATURES_TYPE),
            ok("@Image Path", "@Features @Image(height = 8, width = 8) {d}java.nio.file.Path pixels(int record) {B}"),
            ok("@Image gray bytes, augmented, with context", "@Features(shape = {1, 4, 6}) @Image(height = 4,"
                    + " width = 6, channels = Image.Channels.GRAY, mean = 0.5, flipHorizontal = 0.5, cropScale = 0.9)"
                    + " {d}byte[] pixels(int record, RecordContext context) {B}"),
            bad("@Image on float[]", "@Features(shape = {3, 2, 2}) @Image(height = 2, width = 2) {d}float[]"
                    + " pixels(int record) {B}", Message.IMAGE_TYPE),
            bad("@Image shape disagrees", "@Features(shape = {3, 8, 9}) @Image(height = 8, width = 8) {d}String"
                    + " pixels(int record) {B}", Message.IMAGE_SHAPE),
            bad("@Image too large", "@Features @Image(height = 50000, width = 50000) {d}java.io.File"
                    + " pixels(int record) {B}", Message.IMAGE_TOO_LARGE),
            bad("@Image two stds for gray", "@Features @Image(height = 2, width = 2, channels = Image.Channels.GRAY,"
                    + " std = {0.5, 0.5}) {d}byte[] pixels(int record) {B}", Message.IMAGE_VALUES_COUNT),
            bad("@Image rotation and size out of range", "@Features @Image(height = 0, width = 2, rotateDegrees"
                    + " = -5) {d}String pixels(int record) {B}", Message.IMAGE_VALUE_RANGE,
                    Message.IMAGE_VALUE_RANGE),
            bad("@Image alone beside the features", "@Features(shape = {2}) {d}float[] pixels(int record) {B}\n"
                    + "@Image(height = 2, width = 2) {d}String photo(int record) {B}", Message.IMAGE_NOT_ON_FEATURES),
            bad("float[][]", "@Features(shape = {2, 2}) {d}float[][] pixels(int record) {B}", Message.FEATURES_TYPE),
            bad("type variable", "@Features(shape = {2}) {d}<T> T pixels(int record) {B}", Message.FEATURES_TYPE),
            bad("list", "@Features(shape = {2}) {d}List<Float> pixels(int record) {B}", Message.FEATURES_TYPE),
            bad("no shape", "@Features {d}float[] pixels(int record) {B}", Message.SHAPE_MISSING),
            ok("writes its row", "@Features(shape = {2}) {d}void pixels(int record, java.nio.FloatBuffer row) {B}"),
            ok("writes its row with context", "@Features(shape = {1, 2}) {d}void pixels(int record, RecordContext"
                    + " context, java.nio.FloatBuffer row) throws java.io.IOException {B}"),
            bad("row first", "@Features(shape = {2}) {d}void pixels(java.nio.FloatBuffer row, int record) {B}",
                    Message.DIRECT_PARAMETERS),
            bad("row and a value", "@Features(shape = {2}) {d}float[] pixels(int record, java.nio.FloatBuffer row)"
                    + " {B}", Message.DIRECT_RETURNS_VALUE),
            bad("row without shape", "@Features {d}void pixels(int record, java.nio.FloatBuffer row) {B}",
                    Message.SHAPE_MISSING),
            bad("@Image writing a row", "@Features @Image(height = 2, width = 2) {d}void pixels(int record,"
                    + " java.nio.FloatBuffer row) {B}", Message.DIRECT_IMAGE),
            bad("zero dimension", "@Features(shape = {2, 0}) {d}float[] pixels(int record) {B}",
                    Message.SHAPE_DIMENSION),
            bad("negative dimension", "@Features(shape = {-1}) {d}float[] pixels(int record) {B}",
                    Message.SHAPE_DIMENSION),
            bad("shape of 2^32 values", "@Features(shape = {65536, 65536}) {d}float[] pixels(int record) {B}",
                    Message.SHAPE_TOO_LARGE),
            bad("@Image mean and std in 0-255", "@Features @Image(height = 8, width = 8, mean = {123.7, 116.3, 103.5},"
                    + " std = 58.4) {d}java.nio.file.Path pixels(int record) {B}", Message.IMAGE_STATISTICS_SCALE,
                    Message.IMAGE_STATISTICS_SCALE),
            ok("two in order", "@Features(shape = {3}, order = 1) {d}float[] extra(int record) {B}\n"
                    + "@Features(shape = {2}, order = 0) {d}float[] pixels(int record) {B}"),
            bad("two", "@Features(shape = {2}) {d}float[] pixels(int record) {B}\n"
                    + "@Features(shape = {3}) {d}float[] extra(int record) {B}", Message.ORDER_MISSING,
                    Message.ORDER_MISSING),
            bad("two overloads", "@Features(shape = {2}) {d}float[] pixels(int record) {B}\n"
                    + "@Features(shape = {2}) {d}float[] pixels(int record, RecordContext context) {B}",
                    Message.ORDER_MISSING, Message.ORDER_MISSING, Message.OUTPUT_NAME_DUPLICATE),
            bad("two with one order", "@Features(shape = {2}, order = 1) {d}float[] pixels(int record) {B}\n"
                    + "@Features(shape = {3}, order = 1) {d}float[] extra(int record) {B}", Message.ORDER_DUPLICATE),
            bad("negative order", "@Features(shape = {2}, order = -2) {d}float[] pixels(int record) {B}",
                    Message.ORDER_INVALID),
            javacError("unknown return type", "@Features(shape = {2}) {d}Pixels pixels(int record) {B}",
                    Effect.DEFERS_READER),
            javacError("unknown parameter type", "@Features(shape = {2}) {d}float[] pixels(int record, Context c)"
                    + " {B}", Effect.DEFERS_READER),
            javacError("unknown exception", "@Features(shape = {2}) {d}float[] pixels(int record)"
                    + " throws DecodeException {B}", Effect.DEFERS_READER),
            javacError("unknown constant", "@Features(shape = {SIDE}) {d}float[] pixels(int record) {B}",
                    Effect.DEFERS_READER));

    static final List<ReaderPart> LABEL = List.of(
            ok("none", ""),
            ok("class index", "@Label(classes = 3) {d}int label(int record) {B}"),
            ok("named classes", "@Label(classes = 2, names = {\"no\", \"yes\"}) {d}int label(int record,"
                    + " RecordContext context) {B}"),
            ok("float[]", "@Label(shape = {1}) {d}float[] label(int record) {B}"),
            ok("INDArray", "@Label(shape = {2}) {d}INDArray label(int record) {B}"),
            bad("no classes", "@Label {d}int label(int record) {B}", Message.CLASSES_MISSING),
            bad("one class", "@Label(classes = 1) {d}int label(int record) {B}", Message.CLASSES_TOO_FEW),
            bad("names short", "@Label(classes = 3, names = {\"a\", \"b\"}) {d}int label(int record) {B}",
                    Message.NAMES_COUNT),
            bad("names repeated", "@Label(classes = 2, names = {\"a\", \"a\"}) {d}int label(int record) {B}",
                    Message.NAMES_DUPLICATE),
            bad("names short and repeated", "@Label(classes = 3, names = {\"a\", \"a\"}) {d}int label(int record)"
                    + " {B}", Message.NAMES_COUNT, Message.NAMES_DUPLICATE),
            bad("classes on float[]", "@Label(shape = {2}, classes = 2) {d}float[] label(int record) {B}",
                    Message.CLASS_ATTRIBUTE_ON_ARRAY_LABEL),
            bad("names on float[]", "@Label(shape = {2}, names = {\"a\"}) {d}float[] label(int record) {B}",
                    Message.CLASS_ATTRIBUTE_ON_ARRAY_LABEL),
            bad("both on INDArray", "@Label(shape = {2}, classes = 2, names = {\"a\", \"b\"}) {d}INDArray"
                    + " label(int record) {B}", Message.CLASS_ATTRIBUTE_ON_ARRAY_LABEL,
                    Message.CLASS_ATTRIBUTE_ON_ARRAY_LABEL),
            bad("shape on index", "@Label(classes = 2, shape = {2}) {d}int label(int record) {B}",
                    Message.SHAPE_ON_CLASS_LABEL),
            bad("shape contradicting classes", "@Label(classes = 2, shape = {3}) {d}int label(int record) {B}",
                    Message.SHAPE_CONTRADICTS_CLASSES),
            bad("boxed", "@Label(classes = 2) {d}Integer label(int record) {B}", Message.LABEL_TYPE),
            bad("double[]", "@Label(shape = {2}) {d}double[] label(int record) {B}", Message.LABEL_TYPE),
            bad("@Image on int", "@Label(classes = 2) @Image(height = 2, width = 2) {d}int label(int record) {B}",
                    Message.IMAGE_TYPE),
            bad("Path", "@Label(shape = {1}) {d}java.nio.file.Path label(int record) {B}", Message.IMAGE_MISSING),
            bad("String", "@Label(classes = 2) {d}String label(int record) {B}", Message.LABEL_CLASS_NAME),
            ok("@Image mask", "@Label @Image(height = 4, width = 6, channels = Image.Channels.GRAY, interpolation ="
                    + " Image.Interpolation.NEAREST, std = 1.0 / 255) {d}byte[] label(int record) {B}"),
            bad("@Image mask blended", "@Label @Image(height = 4, width = 6) {d}java.io.File label(int record) {B}",
                    Message.IMAGE_LABEL_INTERPOLATION),
            bad("@Image mask augmented", "@Label @Image(height = 4, width = 6, interpolation ="
                    + " Image.Interpolation.NEAREST, brightness = 0.5, contrast = 0.2) {d}String label(int record)"
                    + " {B}", Message.IMAGE_LABEL_AUGMENTED, Message.IMAGE_LABEL_AUGMENTED),
            // Every attribute differs between the two, so each reports all three whatever the features declare.
            bad("@Image masks of two geometries", "@Label(order = 0) @Image(height = 4, width = 6, channels ="
                    + " Image.Channels.GRAY, interpolation = Image.Interpolation.NEAREST, flipHorizontal = 0.5,"
                    + " cropScale = 0.9) {d}java.nio.file.Path mask(int record) {B}\n@Label(order = 1) @Image(height"
                    + " = 4, width = 6, channels = Image.Channels.GRAY, interpolation = Image.Interpolation.NEAREST,"
                    + " flipHorizontal = 0.25, rotateDegrees = 7, cropScale = 0.8) {d}java.nio.file.Path"
                    + " edges(int record) {B}", Message.IMAGE_LABEL_GEOMETRY, Message.IMAGE_LABEL_GEOMETRY,
                    Message.IMAGE_LABEL_GEOMETRY, Message.IMAGE_LABEL_GEOMETRY, Message.IMAGE_LABEL_GEOMETRY,
                    Message.IMAGE_LABEL_GEOMETRY),
            bad("@Image mask with classes", "@Label(classes = 2) @Image(height = 4, width = 6, interpolation ="
                    + " Image.Interpolation.NEAREST) {d}String label(int record) {B}",
                    Message.CLASS_ATTRIBUTE_ON_ARRAY_LABEL),
            bad("void", "@Label(classes = 2) {d}void label(int record) {B}", Message.RETURNS_VOID),
            bad("INDArray without shape", "@Label {d}INDArray label(int record) {B}", Message.SHAPE_MISSING),
            bad("writes a row", "@Label(shape = {2}) {d}void label(int record, java.nio.FloatBuffer row) {B}",
                    Message.DIRECT_LABEL),
            ok("two in order", "@Label(classes = 3, order = 0) {d}int label(int record) {B}\n"
                    + "@Label(shape = {1}, order = 1) {d}float[] score(int record) {B}"),
            bad("two", "@Label(classes = 3) {d}int label(int record) {B}\n"
                    + "@Label(shape = {1}, order = 0) {d}float[] score(int record) {B}", Message.ORDER_MISSING),
            bad("two with one order", "@Label(classes = 3, order = 2) {d}int label(int record) {B}\n"
                    + "@Label(shape = {1}, order = 2) {d}float[] score(int record) {B}", Message.ORDER_DUPLICATE),
            bad("private static", "@Label(classes = 2) private static int label(int record) {B}",
                    Message.METHOD_PRIVATE, Message.METHOD_STATIC),
            bad("named like the features", "@Label(shape = {2}, name = \"pixels\") {d}float[] target(int record)"
                    + " {B}", Message.OUTPUT_NAME_DUPLICATE).with(Effect.CLASHES_WITH_FEATURES),
            javacError("unknown type", "@Label(classes = 2) {d}Category label(int record) {B}",
                    Effect.DEFERS_READER));

    static final List<ReaderPart> DESCRIBE = List.of(
            ok("none", ""),
            ok("Path", "@Describe {d}java.nio.file.Path file(int record) {B}"),
            ok("primitive, throwing", "@Describe {d}long offset(int record) throws java.io.IOException {B}"),
            bad("void", "@Describe {d}void file(int record) {B}", Message.RETURNS_VOID),
            bad("context", "@Describe {d}String file(int record, RecordContext context) {B}",
                    Message.DESCRIBE_PARAMETERS),
            bad("no record", "@Describe {d}String file() {B}", Message.DESCRIBE_PARAMETERS),
            bad("two", "@Describe {d}String file(int record) {B}\n@Describe {d}int row(int record) {B}",
                    Message.DESCRIBE_DUPLICATE),
            javacError("Path without its import", "@Describe {d}Path file(int record) {B}", Effect.DEFERS_READER))
            .stream()
            .map(part -> part.source().isEmpty() ? part : part.only(kind -> kind != ReaderKind.DESCRIBED_COMPONENT))
            .toList();

    /** Members that are no reader method, and what else a file may hold. */
    static final List<ReaderPart> EXTRAS = List.of(
            ok("generic helper", "{d}<T> T identity(T value) { return value; }"),
            ok("varargs helper", "{d}int sum(int... values) { return values.length; }"),
            ok("nested types", "static class Helper {}\nenum Mode { A, B }\ninterface Callback { void call(); }\n"
                    + "record Pair(int a, int b) {}"),
            ok("constructor", "Reader() {}").only(kind -> kind.body() == Body.CLASS),
            bad("annotated method in a helper", "static class Helper2 {\n    @Size int size() { return 1; }\n}",
                    Message.STRAY_ANNOTATION).with(Effect.OUTSIDE_READER),
            javacError("unknown type in a helper", "{d}Missing helper() {B}"),
            javacError("@Features on a constructor", "@Features(shape = {2}) Reader() {}", Effect.STOPS_PROCESSING)
                    .only(kind -> kind.body() == Body.CLASS),
            javacError("@DataSequence on a method", "@DataSequence {d}void configure() {}",
                    Effect.STOPS_PROCESSING));
}
