package io.dataseq.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Checks a {@link ReaderModel} against the rules of the runtime, and reports each break as a {@link Diagnostic}
 * from the {@link Message} catalogue. It reports every problem it finds at once, except where a first one makes the
 * rest noise (a type that is not a class has no reader methods worth checking).
 */
final class ReaderValidator {
    private final SettingsRules settingsRules = new SettingsRules();
    private final MethodRules methodRules = new MethodRules();
    private final ImageRules imageRules = new ImageRules();
    private final StreamingRules streamingRules = new StreamingRules();

    /** The diagnostics of {@code model}; the reader may be generated when none is an error. */
    List<Diagnostic> validate(ReaderModel model) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (!isClass(model, diagnostics)) {
            return diagnostics;
        }
        checkClass(model, diagnostics);
        checkFields(model, diagnostics);
        settingsRules.check(model, diagnostics);
        streamingRules.check(model, diagnostics);
        checkMethodCounts(model, diagnostics);
        checkOrders(model.methods(MethodRole.FEATURES), "addInputs", diagnostics);
        checkOrders(model.methods(MethodRole.LABEL), "setOutputs", diagnostics);
        checkOutputNames(model, diagnostics);
        checkInherited(model, diagnostics);
        // A streaming reader's parameters are the streaming rules' business.
        model.methods().forEach(method -> methodRules.check(method, !model.isStreaming(), diagnostics));
        checkImagesOnOutputs(model, diagnostics);
        imageRules.checkSharedGeometry(model, diagnostics);
        return diagnostics;
    }

    /** The diagnostic of an annotated method outside any {@code @DataSequence} class. */
    Diagnostic validate(StrayAnnotation stray) {
        return Diagnostic.of(Message.STRAY_ANNOTATION, stray.method(), stray.annotation().mirror(), null,
                stray.role().display(), stray.signature(), stray.enclosingDisplay());
    }

    private static boolean isClass(ReaderModel model, List<Diagnostic> diagnostics) {
        ElementKind kind = model.type().getKind();
        if (kind == ElementKind.CLASS || kind == ElementKind.RECORD) {
            return true;
        }
        String found = kind == ElementKind.INTERFACE ? "an interface"
                : kind == ElementKind.ENUM ? "an enum"
                : kind == ElementKind.ANNOTATION_TYPE ? "an annotation type"
                : kind.toString().toLowerCase();
        diagnostics.add(onClass(Message.NOT_A_CLASS, model, found));
        return false;
    }

    private static void checkClass(ReaderModel model, List<Diagnostic> diagnostics) {
        TypeElement type = model.type();
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            diagnostics.add(onClass(Message.ABSTRACT_CLASS, model));
        }
        if (isPrivateAnywhere(type)) {
            diagnostics.add(onClass(Message.PRIVATE_CLASS, model));
        }
        // A local class never gets here: javac does not hand classes inside method bodies to processors (LocalClasses
        // finds them in the source).
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
            diagnostics.add(onClass(Message.INNER_CLASS, model, type.getEnclosingElement().getSimpleName()));
        }
        if (!type.getTypeParameters().isEmpty()) {
            String parameters = type.getTypeParameters().stream()
                    .map(parameter -> parameter.getSimpleName().toString())
                    .collect(Collectors.joining(", "));
            diagnostics.add(onClass(Message.GENERIC_CLASS, model, parameters));
        }
    }

    /**
     * Worker threads call a shared reader at once, so a field they may write is a data race; a reader made per
     * worker has no such problem. A final field may still hold a mutable object, but that the processor cannot
     * judge.
     */
    private static void checkFields(ReaderModel model, List<Diagnostic> diagnostics) {
        if (model.settings().perWorker()) {
            return;
        }
        for (VariableElement field : model.nonFinalFields()) {
            Element declaring = field.getEnclosingElement();
            if (declaring.equals(model.type())) {
                diagnostics.add(Diagnostic.of(Message.NON_FINAL_FIELD, field, null, null, model.readerDisplay(),
                        field.getSimpleName()));
            } else {
                // At the reader: its @DataSequence makes the field shared, and the superclass may be in a library.
                diagnostics.add(onClass(Message.NON_FINAL_FIELD, model,
                        declaring.getSimpleName() + "." + field.getSimpleName() + " (inherited)"));
            }
        }
    }

    private static void checkMethodCounts(ReaderModel model, List<Diagnostic> diagnostics) {
        List<ReaderMethod> sizes = model.methods(MethodRole.SIZE);
        List<ReaderMethod> features = model.methods(MethodRole.FEATURES);
        if (sizes.isEmpty() && !model.isStreaming()) {
            diagnostics.add(onClass(Message.SIZE_MISSING, model));
        }
        if (features.isEmpty()) {
            diagnostics.add(onClass(Message.FEATURES_MISSING, model));
        }
        duplicates(sizes, Message.SIZE_DUPLICATE, diagnostics);
        duplicates(model.methods(MethodRole.DESCRIBE), Message.DESCRIBE_DUPLICATE, diagnostics);
    }

    /**
     * Several inputs (or outputs) become the arrays of a {@code MultiDataSet} in their declared order, which must
     * then be there and different for each; a negative order is never right. {@code graphMethod} is the
     * {@code ComputationGraph} configuration method that lists them, for the fix.
     */
    private static void checkOrders(List<ReaderMethod> methods, String graphMethod, List<Diagnostic> diagnostics) {
        Map<Integer, ReaderMethod> byOrder = new HashMap<>();
        for (ReaderMethod method : methods) {
            if (method.declaresOrder() && method.order() < 0) {
                diagnostics.add(onOrder(Message.ORDER_INVALID, method, method.order()));
            } else if (!method.declaresOrder() && methods.size() > 1) {
                diagnostics.add(onOrder(Message.ORDER_MISSING, method, methods.size(), graphMethod));
            } else if (method.declaresOrder()) {
                ReaderMethod first = byOrder.putIfAbsent(method.order(), method);
                if (first != null) {
                    diagnostics.add(onOrder(Message.ORDER_DUPLICATE, method, method.order(), first.signature()));
                }
            }
        }
    }

    private static Diagnostic onOrder(Message message, ReaderMethod method, Object... more) {
        Object[] args = new Object[more.length + 2];
        args[0] = method.role().display();
        args[1] = method.signature();
        System.arraycopy(more, 0, args, 2, more.length);
        return Diagnostic.of(message, method.declaration(), method.annotation().mirror(),
                method.annotation().written("order"), args);
    }

    /**
     * What an inherited method may lack: a body (an abstract method the reader does not implement; javac says so too,
     * but not which annotated method it is), or access from the reader's package. One report per method, whatever
     * its roles. An abstract reader is told ABSTRACT_CLASS, which says it all.
     */
    private static void checkInherited(ReaderModel model, List<Diagnostic> diagnostics) {
        boolean abstractReader = model.type().getModifiers().contains(Modifier.ABSTRACT);
        Set<Element> seen = new HashSet<>();
        for (ReaderMethod method : model.methods()) {
            if (!seen.add(method.element())) {
                continue;
            }
            if (method.isAbstract() && !abstractReader) {
                diagnostics.add(Diagnostic.of(Message.METHOD_NOT_IMPLEMENTED, method.declaration(),
                        method.annotation().mirror(), null, method.role().display(), method.signature(),
                        model.readerDisplay()));
            }
            if (!method.inaccessible().isEmpty()) {
                diagnostics.add(Diagnostic.of(Message.METHOD_INACCESSIBLE, method.declaration(),
                        method.annotation().mirror(), null, method.role().display(), method.signature(),
                        method.inaccessible(), model.readerDisplay()));
            }
        }
    }

    /**
     * Every input and output must have its own name, which is what the runtime's errors (and a
     * {@code MultiDataSetSequence}'s input and output names) call it by.
     */
    private static void checkOutputNames(ReaderModel model, List<Diagnostic> diagnostics) {
        List<ReaderMethod> bound = Stream.of(MethodRole.FEATURES, MethodRole.LABEL)
                .flatMap(role -> model.methods(role).stream())
                .collect(Collectors.toList());
        Map<String, ReaderMethod> byName = new HashMap<>();
        for (ReaderMethod output : bound) {
            ReaderMethod first = byName.putIfAbsent(output.outputName(), output);
            if (first != null) {
                diagnostics.add(Diagnostic.of(Message.OUTPUT_NAME_DUPLICATE, output.declaration(),
                        output.annotation().mirror(), output.annotation().written("name"), output.role().display(),
                        output.signature(), output.outputName(), first.role().display(), first.signature()));
            }
        }
    }

    /**
     * {@code @Image} belongs on a {@code @Features} or {@code @Label} method, which may have other roles too (a
     * method that is both {@code @Features} and {@code @Describe} names the file it returns); one report per method.
     */
    private void checkImagesOnOutputs(ReaderModel model, List<Diagnostic> diagnostics) {
        Map<Element, List<ReaderMethod>> byMethod = new LinkedHashMap<>();
        for (ReaderMethod method : model.methods()) {
            byMethod.computeIfAbsent(method.element(), element -> new ArrayList<>()).add(method);
        }
        for (List<ReaderMethod> roles : byMethod.values()) {
            ReaderMethod first = roles.get(0);
            boolean bound = roles.stream()
                    .anyMatch(m -> m.role() == MethodRole.FEATURES || m.role() == MethodRole.LABEL);
            if (first.image().isPresent() && !bound) {
                String found = roles.stream().map(m -> m.role().display()).collect(Collectors.joining(" and "));
                diagnostics.add(imageRules.notOnOutput(first.declaration(), first.image().get(), first.signature(),
                        found));
            }
        }
        model.lonelyImages().forEach(lonely -> diagnostics.add(imageRules.notOnOutput(lonely.declaration(),
                lonely.image(), lonely.signature(), "only @Image")));
    }

    /** Reports every method after the first: the first is the one the user most likely meant. */
    private static void duplicates(List<ReaderMethod> methods, Message message, List<Diagnostic> diagnostics) {
        for (ReaderMethod method : methods.subList(Math.min(1, methods.size()), methods.size())) {
            diagnostics.add(Diagnostic.of(message, method.declaration(), method.annotation().mirror(), null,
                    method.role().display(), method.signature(), methods.get(0).signature()));
        }
    }

    private static Diagnostic onClass(Message message, ReaderModel model, Object... more) {
        return Diagnostic.of(message, model.type(), model.annotation().mirror(), null, args(model, more));
    }

    private static Object[] args(ReaderModel model, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = model.readerDisplay();
        System.arraycopy(more, 0, args, 1, more.length);
        return args;
    }

    private static boolean isPrivateAnywhere(TypeElement type) {
        for (Element element = type; element instanceof TypeElement; element = element.getEnclosingElement()) {
            if (element.getModifiers().contains(Modifier.PRIVATE)) {
                return true;
            }
        }
        return false;
    }
}
