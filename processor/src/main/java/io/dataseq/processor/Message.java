package io.dataseq.processor;

import javax.tools.Diagnostic.Kind;

/**
 * Every message the processor can report: its id (the constant's name, printed first so that users can look it
 * up in {@code docs/errors.md}), its kind, and text in two parts, as Dagger writes them: the subject and the rule it
 * breaks, then the fix. Templates are {@link String#format} patterns over the arguments a {@link Diagnostic} carries.
 *
 * <p>Argument conventions: for a rule about the reader class, {@code %1$s} is the reader's name; for a rule about a
 * method, {@code %1$s} is its annotation ({@code @Features}) and {@code %2$s} its signature ({@code pixels(int)}).
 */
enum Message {
    // The reader class.
    NOT_A_CLASS(Kind.ERROR,
            "@DataSequence type %1$s must be a class or a record; found %2$s.",
            "Put @DataSequence on the class whose instance reads the records."),
    ABSTRACT_CLASS(Kind.ERROR,
            "@DataSequence class %1$s must not be abstract.",
            "Make it concrete, or move @DataSequence and the annotated methods to a concrete class."),
    PRIVATE_CLASS(Kind.ERROR,
            "@DataSequence class %1$s must not be private, nor nested in a private class.",
            "Make it package-private or public: the generated sequence in its package refers to it."),
    INNER_CLASS(Kind.ERROR,
            "@DataSequence class %1$s must be static, not an inner class of %2$s.",
            "Declare it static, or move it to the top level."),
    GENERIC_CLASS(Kind.ERROR,
            "@DataSequence class %1$s must not have type parameters; found <%2$s>.",
            "Remove them: a generated sequence binds the methods of one reader type."),
    NON_FINAL_FIELD(Kind.WARNING,
            "@DataSequence class %1$s has a non-final field, %2$s, but its methods are called from several worker"
                    + " threads at once.",
            "Make the field final and what it holds immutable or thread-safe (an AtomicLong, a ConcurrentHashMap),"
                    + " or set @DataSequence(perWorker = true) to give each worker thread its own reader."),

    // The settings of @DataSequence.
    BATCH_SIZE_TOO_SMALL(Kind.ERROR,
            "@DataSequence batchSize must be at least 1; found %2$s.",
            "Set the number of records per batch, e.g. batchSize = 32."),
    WORKERS_INVALID(Kind.ERROR,
            "@DataSequence workers must be at least 0, or DataSequence.AUTO; found %2$s.",
            "Use 0 to read on the thread that calls next(), a number of threads, or AUTO to let the sequence"
                    + " choose over its first epoch (up to one per processor)."),
    PREFETCH_INVALID(Kind.ERROR,
            "@DataSequence prefetch must be at least 1, or DataSequence.AUTO; found %2$s.",
            "Set how many batches may be read ahead, e.g. prefetch = 4, or AUTO to let the sequence choose over"
                    + " its first epoch, within a memory budget."),
    PREFETCH_WITHOUT_WORKERS(Kind.WARNING,
            "@DataSequence prefetch has no effect with workers = 0; found prefetch = %2$s.",
            "With no worker threads, next() reads each batch itself and none ahead: remove prefetch, or set"
                    + " workers."),
    PREFETCH_BELOW_WORKERS(Kind.WARNING,
            "@DataSequence prefetch should be at least workers, or some workers never read; found prefetch = %2$s,"
                    + " workers = %3$s.",
            "At most prefetch batches are read at once, one per worker: raise prefetch (AUTO grows it as the"
                    + " consumer needs), or use fewer workers."),
    NAME_INVALID(Kind.ERROR,
            "@DataSequence name must be a simple Java identifier that can name a class; found \"%2$s\", %3$s.",
            "Give another simple class name, e.g. name = \"DigitsSequence\"."),
    NAME_HIDES_TYPE(Kind.WARNING,
            "@DataSequence class %1$s generates %2$s, which hides %3$s: in package %4$s, %2$s would mean the"
                    + " generated class.",
            "Choose another name with @DataSequence(name = \"...\"), or write %3$s in full wherever the package"
                    + " means it."),
    NAME_DUPLICATE(Kind.ERROR,
            "@DataSequence class %1$s generates %2$s, as class %3$s does.",
            "Give %1$s another name with @DataSequence(name = \"...\"); %3$s keeps %2$s (%4$s) and is generated."),
    NAME_CLASH(Kind.ERROR,
            "@DataSequence class %1$s generates %2$s, but a type of that name already exists.",
            "Rename that type, or choose another name with @DataSequence(name = \"...\")."),
    DISTRIBUTED_STREAMING(Kind.ERROR,
            "@DataSequence class %1$s has distributed = true, so it must read records by number; found a streaming"
                    + " reader, whose methods take a %2$s descriptor, and a Spark task is given a chunk of records"
                    + " numbered in advance.",
            "List the records first (a file list, with PathLabelList or CsvLabels) and read them with a random access"
                    + " reader, with @Size and int record methods; or remove distributed: a store cannot be written"
                    + " from a stream."),
    DISTRIBUTED_NOT_REBUILDABLE(Kind.WARNING,
            "@DataSequence class %1$s has distributed = true, but none of its constructors and static factories takes"
                    + " only what a serialisable lambda can carry to a Spark executor (primitives, String, enums,"
                    + " Serializable types, Path, URI, URL, and arrays or Lists of them); found %2$s %3$s in %4$s.",
            "Add a constructor from paths and settings and make the %2$s inside the reader (on the executor), or"
                    + " capture what the %2$s is made from in the lambda and make it there."),

    // The reader's methods, taken together.
    SIZE_MISSING(Kind.ERROR,
            "@DataSequence class %1$s must have a @Size method.",
            "Add @Size int size() that returns the number of records."),
    SIZE_DUPLICATE(Kind.ERROR,
            "%1$s method %2$s is a second @Size method, after %3$s.",
            "Keep one: a reader has one record count."),
    FEATURES_MISSING(Kind.ERROR,
            "@DataSequence class %1$s must have a @Features method.",
            "Add a method that reads one record's input, e.g. @Features(shape = {1, 28, 28}) float[] pixels(int record)."),
    ORDER_MISSING(Kind.ERROR,
            "%1$s method %2$s must declare its order, since the reader has %3$s %1$s methods.",
            "Number them with order = 0, 1, ..., the order of the ComputationGraph's %4$s: Java does not promise to"
                    + " list methods in source order."),
    ORDER_DUPLICATE(Kind.ERROR,
            "%1$s method %2$s has order %3$s, as %1$s method %4$s has.",
            "Give each %1$s method its own order: it is the position of its array in the MultiDataSet."),
    ORDER_INVALID(Kind.ERROR,
            "%1$s method %2$s must have an order of at least 0; found %3$s.",
            "Number the %1$s methods from 0, or leave order out where there is only one."),
    DESCRIBE_DUPLICATE(Kind.ERROR,
            "%1$s method %2$s is a second @Describe method, after %3$s.",
            "Keep one: an error names its record with one description; return both in it if you need both."),
    OUTPUT_NAME_DUPLICATE(Kind.ERROR,
            "%1$s method %2$s has the output name \"%3$s\", as %4$s method %5$s has.",
            "Give each output its own name with name = \"...\": an error such as \"%3$s returned null for record"
                    + " 7\" must say which output failed."),

    // One annotated method.
    METHOD_PRIVATE(Kind.ERROR,
            "%1$s method %2$s must not be private.",
            "Make it package-private or public (public when a reader in another package inherits it): the"
                    + " generated sequence, in the reader's package, calls it."),
    METHOD_STATIC(Kind.ERROR,
            "%1$s method %2$s must not be static.",
            "Make it an instance method: the sequence calls it on the reader it was built with."),
    METHOD_INACCESSIBLE(Kind.ERROR,
            "%1$s method %2$s is %3$s in another package than %4$s, so the generated sequence, in the package of %4$s,"
                    + " cannot call it.",
            "Make it public, or override it in %4$s."),
    METHOD_NOT_IMPLEMENTED(Kind.ERROR,
            "%1$s method %2$s is abstract, and %3$s does not implement it.",
            "Implement it in %3$s or a superclass: the generated sequence calls it on the reader."),
    SIZE_SIGNATURE(Kind.ERROR,
            "%1$s method %2$s must return int and take no parameters; found %3$s %2$s.",
            "Declare it as int %4$s()."),
    SIZE_THROWS(Kind.ERROR,
            "%1$s method %2$s must not throw checked exceptions; found %3$s.",
            "Count the records when the reader is created, and return the count."),
    METHOD_PARAMETERS(Kind.ERROR,
            "%1$s method %2$s must take (int record) or (int record, RecordContext context).",
            "Take the record number, then optionally an io.dataseq.RecordContext for seeded augmentation."),
    RECORD_PARAMETER_TYPE(Kind.ERROR,
            "%1$s method %2$s must take an int record first: the reader has @Size, so it reads records by their"
                    + " number; found %3$s.",
            "Declare it as %4$s. To stream descriptors of type %3$s instead, remove the @Size method"
                    + " (docs/streaming.md)."),
    DESCRIBE_PARAMETERS(Kind.ERROR,
            "%1$s method %2$s must take (int record) and nothing else.",
            "Take the record number alone: it is called after reading the record failed, with no RecordContext."),
    RETURNS_VOID(Kind.ERROR,
            "%1$s method %2$s must return the record's value; found void.",
            "Return %3$s."),
    FEATURES_TYPE(Kind.ERROR,
            "%1$s method %2$s must return %3$s; found %4$s.",
            "Return the input as float[] with a shape, or as an INDArray; or return an image file, its bytes or a"
                    + " Mat, with @Image."),
    LABEL_TYPE(Kind.ERROR,
            "%1$s method %2$s must return %3$s; found %4$s.",
            "Return a class index as int with classes, or a target as float[] or INDArray with a shape; or a mask"
                    + " as an image file, its bytes or a Mat, with @Image."),
    LABEL_CLASS_NAME(Kind.ERROR,
            "%1$s method %2$s returns a String, but a class label is the class's index, an int.",
            "Return the index with @Label(classes = N, names = {...}) naming the classes in index order (e.g."
                    + " return NAMES.indexOf(name)); or, if the String names a mask's image file, add @Image."),
    SHAPE_MISSING(Kind.ERROR,
            "%1$s method %2$s %3$s, so it must declare its shape.",
            "Add the size of each dimension of one record, without the batch dimension, e.g. %1$s(shape = %4$s)."),
    SHAPE_DIMENSION(Kind.ERROR,
            "%1$s method %2$s must have shape dimensions of at least 1; found {%3$s}.",
            "Give the size of each dimension of one record, without the batch dimension."),
    SHAPE_TOO_LARGE(Kind.ERROR,
            "%1$s method %2$s has a shape of %3$s values, more than 2^31 - 1.",
            "Declare a smaller shape: the values of one record must fit in one Java array."),
    CLASSES_MISSING(Kind.ERROR,
            "%1$s method %2$s returns a class index, so it must set classes.",
            "Add the number of classes, e.g. @Label(classes = 10), or return a float[] target with a shape."),
    CLASSES_TOO_FEW(Kind.ERROR,
            "%1$s method %2$s must have at least 2 classes; found %3$s.",
            "Set classes to the number of classes; for one yes/no target, return float[] with shape = {1}."),
    CLASS_ATTRIBUTE_ON_ARRAY_LABEL(Kind.ERROR,
            "%1$s method %2$s returns %3$s, so it must not set %4$s.",
            "Remove %4$s: it applies only to a class index returned as int."),
    NAMES_COUNT(Kind.ERROR,
            "%1$s method %2$s must list one name per class, %3$s names; found %4$s.",
            "Name each class index in order, or leave names empty for \"0\", \"1\", ..."),
    NAMES_DUPLICATE(Kind.ERROR,
            "%1$s method %2$s must name each class differently; found %3$s more than once.",
            "Give each class index its own name: getLabels() and DL4J's evaluation tell the classes apart by it."),
    SHAPE_CONTRADICTS_CLASSES(Kind.ERROR,
            "%1$s method %2$s returns a class index of %3$s classes, batched one-hot as {%3$s}, but its shape says"
                    + " {%4$s}.",
            "Remove shape, which classes implies; or, for a target of that shape, return float[] and remove classes."),
    SHAPE_ON_CLASS_LABEL(Kind.WARNING,
            "%1$s method %2$s returns a class index, so its shape, {%3$s}, only repeats classes.",
            "Remove shape: the batch holds the label one-hot, as [batch, classes]."),

    // A @Features method that writes its values straight into its row of the batch (docs/hdf5.md).
    DIRECT_PARAMETERS(Kind.ERROR,
            "%1$s method %2$s takes a FloatBuffer, so it must take (int record, FloatBuffer row) or (int record,"
                    + " RecordContext context, FloatBuffer row).",
            "Take the record number first, then optionally an io.dataseq.RecordContext, and the java.nio.FloatBuffer"
                    + " row to write into last."),
    DIRECT_RETURNS_VALUE(Kind.ERROR,
            "%1$s method %2$s takes a FloatBuffer row to write into, so it must return void; found %3$s.",
            "Write the record's values into row and return nothing; or remove the FloatBuffer parameter and return"
                    + " the values as float[] or INDArray."),
    DIRECT_LABEL(Kind.ERROR,
            "%1$s method %2$s takes a FloatBuffer row, but only @Features methods may write into the batch.",
            "Return the target as float[] or INDArray with a shape, or a class index as int with classes."),
    DIRECT_IMAGE(Kind.ERROR,
            "%1$s method %2$s has @Image, so it must return the image to decode, not write into a FloatBuffer row.",
            "Remove the FloatBuffer parameter and return the image file, its bytes or a Mat; or remove @Image and"
                    + " write the pixels into row, with a shape."),
    DIRECT_STREAMING(Kind.ERROR,
            "%1$s method %2$s takes a FloatBuffer row, but the methods of a streaming reader must return their"
                    + " values.",
            "Return the values as float[] or INDArray with a shape: only a reader whose methods take an int record"
                    + " may write rows straight into the batch."),

    // @Image on a method.
    IMAGE_NOT_ON_FEATURES(Kind.ERROR,
            "%1$s method %2$s must also be annotated @Features or @Label; found %3$s.",
            "Put @Image on the @Features or @Label method that returns the image: it declares how to decode that"
                    + " method's value."),
    IMAGE_MISSING(Kind.ERROR,
            "%1$s method %2$s returns %3$s, an image to decode, so it must have @Image.",
            "Add @Image(height = ..., width = ...) to declare the size to decode it to, or return the pixels as"
                    + " float[] or INDArray with a shape."),
    IMAGE_TYPE(Kind.ERROR,
            "%1$s method %2$s has @Image, so it must return %3$s; found %4$s.",
            "Return the image file, its bytes or a decoded Mat; or remove @Image and return the pixels as float[]"
                    + " or INDArray with a shape."),
    IMAGE_SHAPE(Kind.ERROR,
            "%1$s method %2$s must have the shape its @Image gives, {%3$s}; found {%4$s}.",
            "Remove shape: @Image implies {channels, height, width}."),
    IMAGE_TOO_LARGE(Kind.ERROR,
            "%1$s method %2$s has an @Image of %3$s values (channels x height x width), more than 2^31 - 1.",
            "Declare a smaller height or width: the values of one image must fit in one Java array."),
    IMAGE_VALUES_COUNT(Kind.ERROR,
            "%1$s method %2$s must give @Image %3$s one value, or one per channel (%4$s); found %5$s.",
            "Give one value for all channels, or one for each channel in the order of channels; leave it out for"
                    + " none."),
    IMAGE_VALUE_RANGE(Kind.ERROR,
            "%1$s method %2$s must have @Image %3$s %4$s; found %5$s.",
            "Change %3$s: the javadoc of @Image says what it means and what its default is."),
    IMAGE_STATISTICS_SCALE(Kind.ERROR,
            "%1$s method %2$s has @Image %3$s {%4$s}, in 0-255 units, but DataSeq scales pixels to [0, 1] before it"
                    + " subtracts the mean and divides by the std.",
            "Divide by 255: %3$s = {%5$s}."),
    IMAGE_LABEL_AUGMENTED(Kind.ERROR,
            "%1$s method %2$s must not change the levels of its @Image with %3$s; found %3$s = %4$s.",
            "Remove %3$s: contrast and brightness change an input's pixels, and would change the class numbers of a"
                    + " target image such as a mask. A label image may follow its input's crop, rotation and mirror"
                    + " (cropScale, rotateDegrees, flipHorizontal)."),
    IMAGE_LABEL_GEOMETRY(Kind.ERROR,
            "%1$s method %2$s must declare the same @Image %3$s as the other augmented images of its record; found"
                    + " %3$s = %4$s, and %5$s.",
            "Give %3$s the same value in both: the crop, rotation and mirror of a record are drawn once for all its"
                    + " images, so a label image augmented otherwise would no longer match the image it labels."),
    IMAGE_LABEL_INTERPOLATION(Kind.WARNING,
            "%1$s method %2$s resizes its @Image with %3$s interpolation, which blends neighbouring pixels: the class"
                    + " numbers of a mask would be blended into values that are no class.",
            "Set interpolation = Image.Interpolation.NEAREST for a mask; for a target of continuous values, e.g. a"
                    + " depth map, keep %3$s."),

    STRAY_ANNOTATION(Kind.ERROR,
            "%1$s method %2$s must be in a class annotated @DataSequence, or in a superclass or interface of one;"
                    + " %3$s is neither.",
            "Add @DataSequence to %3$s if it reads records; if it is a base class of readers, declare it abstract;"
                    + " or remove %1$s."),

    LOCAL_CLASS(Kind.ERROR,
            "%1$s on %2$s has no effect: it is %3$s, which annotation processors never see, so DataSeq generates"
                    + " nothing for it.",
            "Move it to a top-level class or a static nested class."),

    // Streaming readers: methods that take a descriptor instead of an int record (docs/streaming.md).
    STREAMING_MIXED_PARAMETERS(Kind.ERROR,
            "%1$s method %2$s must take %3$s, since %4$s takes a %5$s descriptor.",
            "Take the same descriptor in every @Features, @Label and @Describe method of a streaming reader, or an"
                    + " int record in each of them and add a @Size method."),
    STREAMING_DESCRIPTOR_TYPE(Kind.ERROR,
            "%1$s method %2$s takes a %3$s descriptor, but a descriptor must be a class, record, interface or"
                    + " array type.",
            "Use a type the generated sequence can name, e.g. Long for a long, or a record of what one descriptor"
                    + " holds."),
    STEPS_PER_EPOCH_INVALID(Kind.ERROR,
            "@DataSequence stepsPerEpoch must be at least 1, or 0 to record a finite source; found %2$s.",
            "Set the number of batches in each epoch of a streamed source, or leave stepsPerEpoch out."),
    STEPS_PER_EPOCH_IGNORED(Kind.WARNING,
            "@DataSequence class %1$s reads records by number, so stepsPerEpoch = %2$s is ignored.",
            "Remove stepsPerEpoch: it applies only to streaming readers, whose methods take a descriptor; a random"
                    + " access reader's epoch is every record once."),

    // The processor itself.
    STALE_OUTPUT(Kind.ERROR,
            "@DataSequence class %1$s generates %2$s, but the build compiles an out-of-date %2$s from an earlier"
                    + " build as one of its sources, which the compiler lets no processor replace.",
            "Delete the earlier generated sources (mvn clean, or the IDE's rebuild), and keep the generated-sources"
                    + " folder out of the source folders: the processor writes it on every build."),
    WRITE_FAILED(Kind.ERROR,
            "@DataSequence class %1$s could not be generated as %2$s: %3$s.",
            "If another annotation processor generates a type of that name, choose another with"
                    + " @DataSequence(name = \"...\"); otherwise the compiler's reason says what failed."),
    INTERNAL_ERROR(Kind.ERROR,
            "DataSeq failed on %1$s with %2$s.",
            "This is a bug in DataSeq; please report it with this stack trace:%n%3$s");

    private final Kind kind;
    private final String rule;
    private final String fix;

    Message(Kind kind, String rule, String fix) {
        this.kind = kind;
        this.rule = rule;
        this.fix = fix;
    }

    /** The id users look up in {@code docs/errors.md}. */
    String id() {
        return name();
    }

    Kind kind() {
        return kind;
    }

    /** The full text: {@code [ID] <subject> <rule>. <fix>}. */
    String format(Object... args) {
        return "[" + id() + "] " + String.format(rule, args) + " " + String.format(fix, args);
    }
}
