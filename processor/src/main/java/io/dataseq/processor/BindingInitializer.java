package io.dataseq.processor;

import static io.dataseq.processor.RuntimeNames.IMAGE_CLASS;
import static io.dataseq.processor.RuntimeNames.IMAGE_SOURCE_CLASS;
import static io.dataseq.processor.RuntimeNames.IMAGE_SPEC_CLASS;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import io.dataseq.processor.BindingPlan.BoundOutput;
import io.dataseq.processor.BindingPlan.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the initializer of the generated class's {@code BINDING}, one bound method a line:
 * {@code ReaderBinding.<R>builder().size(..).describe(..).floatFeatures(..)....build()} for a random access reader,
 * {@code DescriptorBinding.<R, D>builder().describe(..)....build()} for a streaming one. The lambdas take the record
 * or the descriptor as the plan's {@link BindingPlan.RecordKey} names it.
 */
final class BindingInitializer {

    private BindingInitializer() {}

    /** The initializer of {@code plan}'s {@code BINDING}, of type {@link BindingPlan#bindingType()}. */
    static CodeBlock of(BindingPlan plan) {
        ReaderModel model = plan.model();
        ParameterizedTypeName type = plan.bindingType();
        String key = plan.key().parameter();
        CodeBlock typeArguments = type.typeArguments().stream()
                .map(argument -> CodeBlock.of("$T", argument))
                .collect(CodeBlock.joining(", "));
        CodeBlock.Builder code = CodeBlock.builder()
                .add("$T.<$L>builder()", type.rawType(), typeArguments)
                .indent()
                .indent();
        // Lambdas, never method references: a reference to size is ambiguous beside a static size(Reader) helper,
        // and describe boxes a primitive the reader's method may return.
        for (ReaderMethod size : model.methods(MethodRole.SIZE)) {
            code.add("\n.size(reader -> reader.$N())", size.name());
        }
        for (ReaderMethod describe : model.methods(MethodRole.DESCRIBE)) {
            code.add("\n.describe((reader, $L) -> reader.$N($L))", key, describe.name(), key);
        }
        for (BoundOutput output : plan.outputs()) {
            code.add("\n").add(bind(output, key));
        }
        return code.add("\n.build()").unindent().unindent().build();
    }

    /**
     * E.g. {@code .floatFeatures("pixels", new int[] {1, 28, 28}, (reader, record, context) -> reader.pixels(record))};
     * $W lets a long binding wrap before the lambda rather than run past the margin, and an image's before its spec.
     */
    private static CodeBlock bind(BoundOutput output, String key) {
        ReaderMethod method = output.method();
        CodeBlock lambda = lambda(output, key);
        return switch (output.form()) {
            case IMAGE -> CodeBlock.of(".$N($S,$W$L,$W$L)", output.binder(), method.outputName(),
                    imageSpec(method.image().orElseThrow()), lambda);
            case CLASS_INDEX -> CodeBlock.of(".$N($S, $L, $L,$W$L)", output.binder(), method.outputName(),
                    method.classes(), classNames(method.classNames()), lambda);
            case VALUES, ROW -> CodeBlock.of(".$N($S, new int[] {$L},$W$L)", output.binder(), method.outputName(),
                    method.shape().stream().map(String::valueOf).collect(Collectors.joining(", ")), lambda);
        };
    }

    /**
     * {@code (reader, record, context) -> reader.pixels(record)}: the context passed on where the method takes it,
     * an image wrapped for the decoder, and a row passed to a method that writes into it.
     */
    private static CodeBlock lambda(BoundOutput output, String key) {
        List<String> parameters = new ArrayList<>(List.of("reader", key, "context"));
        List<String> arguments = new ArrayList<>(List.of(key));
        if (output.method().takesContext()) {
            arguments.add("context");
        }
        if (output.form() == Form.ROW) {
            parameters.add("row");
            arguments.add("row");
        }
        CodeBlock call = CodeBlock.of("reader.$N($L)", output.method().name(), String.join(", ", arguments));
        if (output.form() == Form.IMAGE) {
            call = CodeBlock.of("$T.of($L)", IMAGE_SOURCE_CLASS, call);
        }
        return CodeBlock.of("($L) -> $L", String.join(", ", parameters), call);
    }

    private static CodeBlock classNames(List<String> names) {
        CodeBlock quoted = names.stream().map(name -> CodeBlock.of("$S", name)).collect(CodeBlock.joining(", "));
        return CodeBlock.of("$T.of($L)", List.class, quoted);
    }

    /**
     * {@code ImageSpec.builder(h, w)<setters>.build()}, with a setter only for each attribute that is not its
     * default. $Z lets a long spec wrap between its setters.
     */
    private static CodeBlock imageSpec(ImageDeclaration image) {
        CodeBlock.Builder spec = CodeBlock.builder()
                .add("$T.builder($L, $L)", IMAGE_SPEC_CLASS, image.height(), image.width());
        Set<String> changed = image.changed();
        if (changed.contains("channels")) {
            spec.add("$Z.channels($T.Channels.$N)", IMAGE_CLASS, image.channels());
        }
        if (changed.contains("interpolation")) {
            spec.add("$Z.interpolation($T.Interpolation.$N)", IMAGE_CLASS, image.interpolation());
        }
        if (changed.contains("mean")) {
            spec.add("$Z.mean($L)", doubles(image.mean()));
        }
        if (changed.contains("std")) {
            spec.add("$Z.std($L)", doubles(image.std()));
        }
        if (changed.contains("maxPixels")) {
            spec.add("$Z.maxPixels($LL)", image.maxPixels());
        }
        if (changed.contains("reducedDecode")) {
            spec.add("$Z.reducedDecode($L)", image.reducedDecode());
        }
        if (changed.contains("corruptJpeg")) {
            spec.add("$Z.corruptJpeg($T.CorruptJpeg.$N)", IMAGE_CLASS, image.corruptJpeg());
        }
        addDouble(spec, changed, "flipHorizontal", image.flipHorizontal());
        addDouble(spec, changed, "rotateDegrees", image.rotateDegrees());
        addDouble(spec, changed, "cropScale", image.cropScale());
        addDouble(spec, changed, "brightness", image.brightness());
        addDouble(spec, changed, "contrast", image.contrast());
        return spec.add("$Z.build()").build();
    }

    private static void addDouble(CodeBlock.Builder spec, Set<String> changed, String attribute, double value) {
        if (changed.contains(attribute)) {
            spec.add("$Z.$N($L)", attribute, Double.toString(value));
        }
    }

    /** Double literals as Java reads them back exactly, e.g. {@code 0.485, 0.456}. */
    private static String doubles(List<Double> values) {
        return values.stream().map(value -> Double.toString(value)).collect(Collectors.joining(", "));
    }
}
