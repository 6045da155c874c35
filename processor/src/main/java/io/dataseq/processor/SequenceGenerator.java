package io.dataseq.processor;

import static io.dataseq.processor.RuntimeNames.DATA_SEQUENCE_CLASS;
import static io.dataseq.processor.RuntimeNames.DESCRIPTOR_SOURCE_CLASS;
import static io.dataseq.processor.RuntimeNames.ERROR_POLICY_CLASS;
import static io.dataseq.processor.RuntimeNames.PLAN_SOURCE_CLASS;
import static io.dataseq.processor.RuntimeNames.READER_SOURCE_CLASS;
import static io.dataseq.processor.RuntimeNames.SEQUENCE_BUILDER_CLASS;
import static io.dataseq.processor.RuntimeNames.STREAMING_BUILDER_CLASS;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PROTECTED;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Renders a {@link BindingPlan} as the {@code <Reader>Sequence} class, for random access and streaming readers
 * alike: a static {@code BINDING} of the reader's methods ({@link BindingInitializer}), factories
 * ({@code perWorker(supplier)}, and unless the reader is declared {@code perWorker}, {@code of(reader)} and
 * {@code builder(reader)} over one shared reader; a streaming reader's take the {@code DescriptorSource} too), and a
 * {@code Builder} whose defaults are the values of {@code @DataSequence}. The class extends the runtime's
 * {@code DataSetSequence} or {@code MultiDataSetSequence}, where all behaviour lives; it only binds. Its output
 * depends on the plan alone, so builds are reproducible.
 */
class SequenceGenerator {
    /** The simple name of the generated class's nested builder, which the class itself therefore cannot have. */
    static final String BUILDER = "Builder";
    private static final String BINDING = "BINDING";

    private final boolean withGeneratedAnnotation;

    /**
     * @param withGeneratedAnnotation whether to mark the class {@code @javax.annotation.processing.Generated}: that
     *     annotation exists from Java 9 on, and DataSeq does not break an older target for it
     */
    SequenceGenerator(boolean withGeneratedAnnotation) {
        this.withGeneratedAnnotation = withGeneratedAnnotation;
    }

    /** The generated class for {@code plan}. */
    TypeSpec generate(BindingPlan plan) {
        ReaderModel model = plan.model();
        ClassName sequence = model.sequenceName();
        ClassName builder = sequence.nestedClass(BUILDER);
        SequenceJavadoc javadoc = new SequenceJavadoc(plan);
        TypeSpec.Builder type = TypeSpec.classBuilder(sequence).addJavadoc(javadoc.ofClass());
        if (withGeneratedAnnotation) {
            type.addAnnotation(AnnotationSpec.builder(RuntimeNames.GENERATED_CLASS)
                    .addMember("value", "$S", DataSequenceProcessor.class.getName())
                    .build());
        }
        if (model.readerPublic()) {
            type.addModifiers(PUBLIC);
        }
        type.addModifiers(FINAL)
                .superclass(plan.adapter().sequenceClass())
                // DL4J's DataSetIterator is Serializable; without this, -Xlint:serial warns in the user's build.
                .addField(FieldSpec.builder(long.class, "serialVersionUID", PRIVATE, STATIC, FINAL)
                        .initializer("1L")
                        .build())
                .addField(FieldSpec.builder(plan.bindingType(), BINDING, PRIVATE, STATIC, FINAL)
                        .initializer(BindingInitializer.of(plan))
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(PRIVATE)
                        .addParameter(builder, "builder")
                        .addStatement("super(builder)")
                        .build());
        List<ParameterSpec> source = sourceParameter(plan);
        Factories factories = new Factories(model.readerName(), builder, source, plan.key().isStreaming());
        // A reader declared perWorker keeps state that must not be shared: no factory hands one instance to all.
        if (!model.settings().perWorker()) {
            type.addMethod(factories.of(sequence, javadoc.ofMethod()))
                    .addMethod(factories.builder(javadoc.builderMethod()));
        }
        type.addMethod(factories.perWorker(javadoc.perWorkerMethod()));
        if (!plan.key().isStreaming()) {
            type.addMethod(factories.fromStore(javadoc.fromStoreMethod()));
        }
        return type.addType(builderType(plan, builder, source, javadoc.builderClass()))
                .build();
    }

    /**
     * The static factories. Each takes the reader (or a supplier of readers) and, for a streaming reader, the
     * {@code DescriptorSource}, which it passes on to the builder.
     */
    private static final class Factories {
        private final ClassName reader;
        private final ClassName builder;
        private final List<ParameterSpec> source;
        private final String passSource;
        private final boolean streaming;

        Factories(ClassName reader, ClassName builder, List<ParameterSpec> source, boolean streaming) {
            this.reader = reader;
            this.builder = builder;
            this.source = source;
            this.passSource = passOn(source);
            this.streaming = streaming;
        }

        MethodSpec of(ClassName sequence, CodeBlock javadoc) {
            return factory("of", javadoc, sequence)
                    .addParameter(reader, "reader")
                    .addParameters(source)
                    .addStatement("return builder(reader$L).build()", passSource)
                    .build();
        }

        MethodSpec builder(CodeBlock javadoc) {
            return factory("builder", javadoc, builder)
                    .addParameter(reader, "reader")
                    .addParameters(source)
                    .addStatement(over("shared(reader)"), builder, READER_SOURCE_CLASS)
                    .build();
        }

        MethodSpec perWorker(CodeBlock javadoc) {
            return factory("perWorker", javadoc, builder)
                    .addParameter(ParameterizedTypeName.get(ClassName.get(Supplier.class),
                            WildcardTypeName.subtypeOf(reader)), "readers")
                    .addParameters(source)
                    .addStatement(over("perWorker(readers)"), builder, READER_SOURCE_CLASS)
                    .build();
        }

        MethodSpec fromStore(CodeBlock javadoc) {
            return factory("fromStore", javadoc, builder)
                    .addParameter(Path.class, "directory")
                    .addStatement("return new $T($N.overStore(directory))", builder, BINDING)
                    .build();
        }

        /**
         * {@code return new Builder(ReaderSource.<readers>, source)} for a streaming reader (whose builder binds
         * the readers and the source), else {@code return new Builder(BINDING.over(ReaderSource.<readers>))}.
         */
        private String over(String readers) {
            return streaming ? "return new $T($T." + readers + passSource + ")"
                    : "return new $T(" + BINDING + ".over($T." + readers + "))";
        }

        private static MethodSpec.Builder factory(String name, CodeBlock javadoc, TypeName returns) {
            return MethodSpec.methodBuilder(name).addJavadoc(javadoc).addModifiers(PUBLIC, STATIC).returns(returns);
        }
    }

    /** {@code DescriptorSource<D> source} for a streaming reader; nothing for a random access one. */
    private static List<ParameterSpec> sourceParameter(BindingPlan plan) {
        return plan.key().descriptor()
                .map(descriptor -> ParameterSpec.builder(
                        ParameterizedTypeName.get(DESCRIPTOR_SOURCE_CLASS, descriptor), "source").build())
                .stream()
                .toList();
    }

    /** The arguments that pass {@code parameters} on, after another: {@code ", source"}, or nothing. */
    private static String passOn(List<ParameterSpec> parameters) {
        return parameters.stream().map(parameter -> ", " + parameter.name()).collect(Collectors.joining());
    }

    /**
     * The {@code Builder}: a {@code SequenceBuilder} over {@code BINDING.over(readers)}, or for a streaming reader a
     * {@code StreamingBuilder} over {@code BINDING.over(readers, source)}, starting from {@code @DataSequence}.
     */
    private static TypeSpec builderType(BindingPlan plan, ClassName builder, List<ParameterSpec> source,
            CodeBlock javadoc) {
        ClassName reader = plan.model().readerName();
        ClassName sequence = plan.model().sequenceName();
        SequenceSettings settings = plan.model().settings();
        TypeName superclass = plan.key().descriptor()
                .<TypeName>map(descriptor ->
                        ParameterizedTypeName.get(STREAMING_BUILDER_CLASS, descriptor, sequence, builder))
                .orElseGet(() -> ParameterizedTypeName.get(SEQUENCE_BUILDER_CLASS, sequence, builder));
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(PRIVATE);
        if (plan.key().isStreaming()) {
            constructor.addParameter(ParameterizedTypeName.get(READER_SOURCE_CLASS, reader), "readers")
                    .addParameters(source)
                    .addStatement("super($N.over(readers$L))", BINDING, passOn(source));
        } else {
            // A PlanSource: the reader's records (BINDING.over(readers)), or a store's (BINDING.overStore)
            constructor.addParameter(PLAN_SOURCE_CLASS, "source").addStatement("super(source)");
        }
        constructor.addCode(defaults(settings));
        if (plan.key().isStreaming()) {
            constructor.addStatement("stepsPerEpoch($L)", settings.stepsPerEpoch());
        }
        return TypeSpec.classBuilder(builder)
                .addJavadoc(javadoc)
                .addModifiers(PUBLIC, STATIC, FINAL)
                .superclass(superclass)
                .addMethod(constructor.build())
                .addMethod(MethodSpec.methodBuilder("self")
                        .addAnnotation(Override.class)
                        .addModifiers(PROTECTED)
                        .returns(builder)
                        .addStatement("return this")
                        .build())
                .addMethod(MethodSpec.methodBuilder("build")
                        .addAnnotation(Override.class)
                        .addModifiers(PUBLIC)
                        .returns(sequence)
                        .addStatement("return new $T(this)", sequence)
                        .build())
                .build();
    }

    /** Every setting, defaults included: the builder then reads as the full configuration of the sequence. */
    private static CodeBlock defaults(SequenceSettings settings) {
        return CodeBlock.builder()
                .addStatement("batchSize($L)", settings.batchSize())
                .addStatement("shuffle($L)", settings.shuffle())
                .addStatement("seed($LL)", settings.seed())
                .addStatement("dropLast($L)", settings.dropLast())
                .addStatement("workers($L)", threads(settings.workers()))
                .addStatement("prefetch($L)", threads(settings.prefetch()))
                .addStatement("onError($T.$N)", ERROR_POLICY_CLASS, settings.onError())
                .build();
    }

    private static CodeBlock threads(int value) {
        return value == RuntimeNames.AUTO ? CodeBlock.of("$T.AUTO", DATA_SEQUENCE_CLASS) : CodeBlock.of("$L", value);
    }
}
