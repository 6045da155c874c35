package io.dataseq.processor;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types the processor reads or generates code against, named by strings: the processor must run
 * without the runtime, ND4J or OpenCV on its class path.
 */
final class RuntimeNames {
    static final String DATA_SEQUENCE = "io.dataseq.annotation.DataSequence";
    static final String SIZE = "io.dataseq.annotation.Size";
    static final String FEATURES = "io.dataseq.annotation.Features";
    static final String LABEL = "io.dataseq.annotation.Label";
    static final String DESCRIBE = "io.dataseq.annotation.Describe";
    static final String IMAGE = "io.dataseq.annotation.Image";
    static final String RECORD_CONTEXT = "io.dataseq.RecordContext";
    static final String INDARRAY = "org.nd4j.linalg.api.ndarray.INDArray";
    static final String FLOAT_BUFFER = "java.nio.FloatBuffer";

    static final ClassName DATA_SEQUENCE_CLASS = ClassName.get("io.dataseq.annotation", "DataSequence");
    static final ClassName ERROR_POLICY_CLASS = ClassName.get("io.dataseq.annotation", "ErrorPolicy");
    static final ClassName IMAGE_CLASS = ClassName.get("io.dataseq.annotation", "Image");
    static final ClassName IMAGE_SPEC_CLASS = ClassName.get("io.dataseq.image", "ImageSpec");
    static final ClassName IMAGE_SOURCE_CLASS = ClassName.get("io.dataseq.image", "ImageSource");
    static final ClassName READER_BINDING_CLASS = ClassName.get("io.dataseq.internal", "ReaderBinding");
    static final ClassName DESCRIPTOR_BINDING_CLASS = ClassName.get("io.dataseq.internal", "DescriptorBinding");
    static final ClassName READER_SOURCE_CLASS = ClassName.get("io.dataseq.internal", "ReaderSource");
    static final ClassName PLAN_SOURCE_CLASS = ClassName.get("io.dataseq.internal.core", "PlanSource");
    static final ClassName DESCRIPTOR_SOURCE_CLASS = ClassName.get("io.dataseq.stream", "DescriptorSource");
    static final ClassName DATA_SET_SEQUENCE_CLASS = ClassName.get("io.dataseq.dl4j", "DataSetSequence");
    static final ClassName MULTI_DATA_SET_SEQUENCE_CLASS = ClassName.get("io.dataseq.dl4j", "MultiDataSetSequence");
    static final ClassName SEQUENCE_BUILDER_CLASS = ClassName.get("io.dataseq.dl4j", "SequenceBuilder");
    static final ClassName STREAMING_BUILDER_CLASS = ClassName.get("io.dataseq.dl4j", "StreamingBuilder");
    static final ClassName GENERATED_CLASS = ClassName.get("javax.annotation.processing", "Generated");

    /** The value of {@code DataSequence.AUTO}, copied because the processor cannot load the annotation. */
    static final int AUTO = -1;

    private RuntimeNames() {}
}
