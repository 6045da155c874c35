package io.dataseq.processor;

import static io.dataseq.processor.RuntimeNames.DATA_SET_SEQUENCE_CLASS;
import static io.dataseq.processor.RuntimeNames.DESCRIPTOR_BINDING_CLASS;
import static io.dataseq.processor.RuntimeNames.MULTI_DATA_SET_SEQUENCE_CLASS;
import static io.dataseq.processor.RuntimeNames.READER_BINDING_CLASS;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the generated class binds, decided once from a {@link ReaderModel} that the validator found free of errors,
 * so that {@link SequenceGenerator} only renders it: the kind of reader and how its methods name a record
 * ({@link RecordKey}), the DL4J adapter the class extends, and the runtime binder of each {@code @Features} and
 * {@code @Label} method.
 *
 * @param model the reader
 * @param key how the reader's methods name the record they read
 * @param adapter the DL4J iterator the generated class is
 * @param outputs the inputs, then the outputs, each in the order the sequence binds them (their declared order)
 */
record BindingPlan(ReaderModel model, RecordKey key, Adapter adapter, List<BoundOutput> outputs) {

    BindingPlan {
        outputs = List.copyOf(outputs);
    }

    /** The plan of {@code model}, which the validator found free of errors. */
    static BindingPlan of(ReaderModel model) {
        RecordKey key = model.descriptor()
                .map(descriptor -> RecordKey.descriptor(TypeName.get(descriptor.type())))
                .orElse(RecordKey.RECORD);
        Adapter adapter = model.hasSeveralOutputs() ? Adapter.MULTI_DATA_SET : Adapter.DATA_SET;
        List<BoundOutput> outputs = Stream.of(MethodRole.FEATURES, MethodRole.LABEL)
                .flatMap(role -> model.bound(role).stream())
                .map(BoundOutput::of)
                .toList();
        return new BindingPlan(model, key, adapter, outputs);
    }

    /** The type of the static {@code BINDING}: {@code ReaderBinding<R>}, or {@code DescriptorBinding<R, D>}. */
    ParameterizedTypeName bindingType() {
        ClassName reader = model.readerName();
        return key.descriptor()
                .map(descriptor -> ParameterizedTypeName.get(DESCRIPTOR_BINDING_CLASS, reader, descriptor))
                .orElseGet(() -> ParameterizedTypeName.get(READER_BINDING_CLASS, reader));
    }

    /**
     * How a reader's methods name the record they read: an {@code int} record of a random access reader, or the
     * descriptor that a streaming reader's methods take from a {@code DescriptorSource}.
     *
     * @param descriptor the descriptor type {@code D}; empty for an {@code int} record
     * @param parameter what the generated lambdas call it
     */
    record RecordKey(Optional<TypeName> descriptor, String parameter) {
        static final RecordKey RECORD = new RecordKey(Optional.empty(), "record");

        static RecordKey descriptor(TypeName type) {
            return new RecordKey(Optional.of(type), "descriptor");
        }

        /** Whether the records come from a stream of descriptors, which the generated factories then take. */
        boolean isStreaming() {
            return descriptor.isPresent();
        }
    }

    /** The DL4J iterator a generated class is, by the runtime class it extends. */
    enum Adapter {
        /** A {@code DataSetIterator}, for one input and at most one output. */
        DATA_SET(DATA_SET_SEQUENCE_CLASS),
        /** A {@code MultiDataSetIterator}, for several inputs or outputs. */
        MULTI_DATA_SET(MULTI_DATA_SET_SEQUENCE_CLASS);

        private final ClassName sequenceClass;

        Adapter(ClassName sequenceClass) {
            this.sequenceClass = sequenceClass;
        }

        /** The runtime class a generated sequence of this kind extends. */
        ClassName sequenceClass() {
            return sequenceClass;
        }
    }

    /** What a binder takes besides the output's name and the method. */
    enum Form {
        /** The {@code shape} of the values the method returns. */
        VALUES,
        /** The number of classes and their names. */
        CLASS_INDEX,
        /** The {@code ImageSpec} of the {@code @Image} the method returns; the method's result is wrapped. */
        IMAGE,
        /** The {@code shape} of the row the method writes into; the method also takes the row. */
        ROW
    }

    /**
     * A {@code @Features} or {@code @Label} method and the runtime binder that takes it.
     *
     * @param binder the binding builder's method, e.g. {@code floatFeatures} or {@code imageLabel}
     */
    record BoundOutput(ReaderMethod method, String binder, Form form) {

        static BoundOutput of(ReaderMethod method) {
            if (method.image().isPresent()) {
                return new BoundOutput(method,
                        SupportedType.image(method.returnType()).orElseThrow().binder(method.role()), Form.IMAGE);
            }
            if (method.writesRow()) {
                // Only @Features of a random access reader may write rows: the validator said so.
                return new BoundOutput(method, "directFeatures", Form.ROW);
            }
            SupportedType type = SupportedType.of(method.returnType(), method.role()).orElseThrow();
            Form form = type.hasShape() ? Form.VALUES : Form.CLASS_INDEX;
            return new BoundOutput(method, type.binder(method.role()), form);
        }
    }
}
