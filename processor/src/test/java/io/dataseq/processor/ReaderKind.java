package io.dataseq.processor;

import java.util.List;

/**
 * The type that carries {@code @DataSequence} in a drawn reader (see {@link MalformedReaders}): the valid kinds,
 * and the odd ones with the messages they must cause. A template's {@code %1$s} is the annotation's attributes and
 * {@code %2$s} the members.
 */
enum ReaderKind {
    CLASS("@DataSequence(%1$s)\nclass Reader {\n%2$s}\n", Body.CLASS),
    PUBLIC_FINAL("@DataSequence(%1$s)\npublic final class Reader {\n%2$s}\n", Body.CLASS),
    RECORD("@DataSequence(%1$s)\nrecord Reader(int n) {\n%2$s}\n", Body.RECORD),
    NESTED("class Outer {\n@DataSequence(%1$s)\nstatic final class Reader {\n%2$s}\n}\n", Body.CLASS),
    IN_INTERFACE("interface Outer {\n@DataSequence(%1$s)\nclass Reader {\n%2$s}\n}\n", Body.CLASS),

    ABSTRACT("@DataSequence(%1$s)\nabstract class Reader {\n    abstract void close();\n%2$s}\n", Body.CLASS,
            Message.ABSTRACT_CLASS),
    GENERIC("@DataSequence(%1$s)\nclass Reader<T extends Number> {\n%2$s}\n", Body.CLASS, Message.GENERIC_CLASS),
    GENERIC_RECORD("@DataSequence(%1$s)\nrecord Reader<T>(T n) {\n%2$s}\n", Body.RECORD, Message.GENERIC_CLASS),
    PRIVATE_NESTED("class Outer {\n@DataSequence(%1$s)\nprivate static class Reader {\n%2$s}\n}\n", Body.CLASS,
            Message.PRIVATE_CLASS),
    INNER("class Outer {\n@DataSequence(%1$s)\nclass Reader {\n%2$s}\n}\n", Body.CLASS, Message.INNER_CLASS),
    PRIVATE_INNER("class Outer {\n@DataSequence(%1$s)\nprivate class Reader {\n%2$s}\n}\n", Body.CLASS,
            Message.PRIVATE_CLASS, Message.INNER_CLASS),
    /** The component's {@code @Describe} goes on to its accessor {@code n()}, which takes no record. */
    DESCRIBED_COMPONENT("@DataSequence(%1$s)\nrecord Reader(@Describe String n) {\n%2$s}\n", Body.RECORD,
            Message.DESCRIBE_PARAMETERS),
    INTERFACE("@DataSequence(%1$s)\ninterface Reader {\n%2$s}\n", Body.INTERFACE, Message.NOT_A_CLASS),
    ENUM("@DataSequence(%1$s)\nenum Reader {\n    ONE;\n%2$s}\n", Body.CLASS, Message.NOT_A_CLASS),
    ANNOTATION("@DataSequence(%1$s)\n@interface Reader {\n    @Size int size();\n}\n", Body.NONE, Message.NOT_A_CLASS),
    // Streaming readers (their methods take a descriptor): fixed members, since the slots' parts take int records.
    STREAMING("@DataSequence(%1$s)\nclass Reader {\n" + Stream.FEATURES + Stream.LABEL + Stream.DESCRIBE + "}\n",
            Body.STREAMING),
    STREAMING_RECORD("@DataSequence(%1$s)\nclass Reader {\n    record Row(String path, int label) {}\n"
            + "    @Features(shape = {2, 2}) INDArray pixels(Row row) " + Stream.B
            + "    @Label(shape = {1}) float[] label(Row row, RecordContext context) " + Stream.B + "}\n",
            Body.STREAMING),
    STREAMING_IMAGE("@DataSequence(%1$s)\nclass Reader {\n"
            + "    @Features @Image(height = 2, width = 2) java.nio.file.Path photo(String line) " + Stream.B
            + Stream.LABEL + "}\n", Body.STREAMING),
    STREAMING_VARARGS("@DataSequence(%1$s)\nclass Reader {\n    @Features(shape = {2}) float[] pixels(String... parts) "
            + Stream.B + "}\n", Body.STREAMING),
    /** Several outputs: a streaming reader's sequence is then a MultiDataSetSequence, as a random access one's. */
    STREAMING_TWO_LABELS("@DataSequence(%1$s)\nclass Reader {\n" + Stream.FEATURES
            + "    @Label(classes = 2, order = 0) int label(String line) " + Stream.B
            + "    @Label(shape = {1}, order = 1) float[] score(String line) " + Stream.B + "}\n",
            Body.STREAMING),
    STREAMING_MIXED("@DataSequence(%1$s)\nclass Reader {\n" + Stream.FEATURES
            + "    @Label(classes = 2) int label(int record) " + Stream.B
            + "    @Describe String where(String line, RecordContext context) " + Stream.B + "}\n",
            Body.STREAMING, Message.STREAMING_MIXED_PARAMETERS, Message.STREAMING_MIXED_PARAMETERS),
    STREAMING_BOXED_MIXED("@DataSequence(%1$s)\nclass Reader {\n"
            + "    @Features(shape = {2}) float[] pixels(Integer record) " + Stream.B
            + "    @Label(classes = 2) int label(int record) " + Stream.B + "}\n",
            Body.STREAMING, Message.STREAMING_MIXED_PARAMETERS),
    /** A streaming reader's methods beside {@code @Size}: a random access reader, each method's record mistaken. */
    SIZED_WITH_DESCRIPTORS("@DataSequence(%1$s)\nclass Reader {\n    @Size int size() " + Stream.B + Stream.FEATURES
            + Stream.LABEL + "}\n", Body.FIXED, Message.RECORD_PARAMETER_TYPE, Message.RECORD_PARAMETER_TYPE),
    STREAMING_PRIMITIVE("@DataSequence(%1$s)\nclass Reader {\n"
            + "    @Features(shape = {2}) float[] pixels(long offset) " + Stream.B
            + "    @Label(classes = 2) int label(long offset, RecordContext context) " + Stream.B + "}\n",
            Body.STREAMING, Message.STREAMING_DESCRIPTOR_TYPE),
    STREAMING_BAD_RETURN("@DataSequence(%1$s)\nclass Reader {\n"
            + "    @Features(shape = {2}) float[][] pixels(String line) " + Stream.B + Stream.LABEL + "}\n",
            Body.STREAMING, Message.FEATURES_TYPE),
    STREAMING_ROW("@DataSequence(%1$s)\nclass Reader {\n"
            + "    @Features(shape = {2}) void pixels(String line, java.nio.FloatBuffer row) " + Stream.B + Stream.LABEL
            + "}\n", Body.STREAMING, Message.DIRECT_STREAMING),
    /** Every annotated method inherited from an abstract base class in the file, implemented without annotations. */
    INHERITED("abstract class Base {\n    @Size abstract int size();\n"
            + "    @Features(shape = {2}) abstract float[] pixels(int record);\n"
            + "    @Label(classes = 2) int label(int record) " + Stream.B + "}\n"
            + "@DataSequence(%1$s)\nclass Reader extends Base {\n    int size() " + Stream.B
            + "    float[] pixels(int record) " + Stream.B + "}\n", Body.FIXED),
    INHERITED_UNIMPLEMENTED("abstract class Base {\n    @Size abstract int size();\n"
            + "    @Features(shape = {2}) abstract float[] pixels(int record);\n}\n"
            + "@DataSequence(%1$s)\nclass Reader extends Base {\n    int size() " + Stream.B + "}\n", Body.FIXED,
            Message.METHOD_NOT_IMPLEMENTED),
    /** javac hands no processor a class declared in a method body: nothing is generated, and DataSeq says so. */
    LOCAL("class Outer {\nvoid make() {\n@DataSequence(%1$s)\nclass Reader {\n%2$s}\n}\n}\n", Body.CLASS);

    /** What members the type may declare. */
    enum Body {
        /** Fields, constructors and methods (an enum's too). */
        CLASS,
        /** Methods only: instance fields are not allowed, and the canonical constructor is left alone. */
        RECORD,
        /** Methods, each {@code default}, {@code static} or {@code private}. */
        INTERFACE,
        /** Nothing: the template's members are fixed. */
        NONE,
        /** A streaming reader's fixed members: the slots' parts are not written, the settings are. */
        STREAMING,
        /** Fixed members like {@link #STREAMING}, of a random access reader. */
        FIXED
    }

    /** Members of the streaming kinds. */
    private static final class Stream {
        static final String B = "{ throw new IllegalStateException(); }\n";
        static final String FEATURES = "    @Features(shape = {2}) float[] pixels(String line) " + B;
        static final String LABEL = "    @Label(classes = 2) int label(String line, RecordContext context) " + B;
        static final String DESCRIBE = "    @Describe String where(String line) " + B;
    }

    private final String template;
    private final Body body;
    private final List<Message> messages;

    ReaderKind(String template, Body body, Message... messages) {
        this.template = template;
        this.body = body;
        this.messages = List.of(messages);
    }

    Body body() {
        return body;
    }

    /** The messages this kind causes by itself. */
    List<Message> messages() {
        return messages;
    }

    /**
     * Whether the kind is a mistake (or, for a local class, has no effect; or its members are fixed, as a streaming
     * reader's, and would hide the mistakes of other slots).
     */
    boolean isMistake() {
        return !messages.isEmpty() || this == LOCAL || body == Body.STREAMING || body == Body.FIXED;
    }

    /** Whether the template's members are all it has: the slots' parts are not written. */
    boolean hasFixedMembers() {
        return body == Body.NONE || body == Body.STREAMING || body == Body.FIXED;
    }

    /** Whether the reader's methods take a descriptor, so that {@code stepsPerEpoch} applies. */
    boolean isStreaming() {
        return body == Body.STREAMING;
    }

    /** Whether DataSeq ignores the methods: only {@code NOT_A_CLASS} is reported. */
    boolean isNotAClass() {
        return messages.contains(Message.NOT_A_CLASS);
    }

    /** The top-level type of the file. */
    String topLevelName() {
        return template.startsWith("class Outer") || template.startsWith("interface Outer") ? "Outer" : "Reader";
    }

    /** The simple name of the sequence DataSeq generates by default. */
    String sequenceName() {
        return topLevelName().equals("Outer") ? "Outer_ReaderSequence" : "ReaderSequence";
    }

    String render(String attributes, String members) {
        return String.format(template, attributes, members);
    }
}
