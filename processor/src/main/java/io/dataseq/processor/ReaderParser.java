package io.dataseq.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a reader class into a {@link ReaderModel}. Emits nothing: judging the reader is the validator's business, so
 * the model keeps whatever the user wrote, however wrong.
 */
final class ReaderParser {
    private final Elements elements;
    private final Types types;
    private final SourceDeclarations declarations;

    ReaderParser(Elements elements, Types types, SourceDeclarations declarations) {
        this.elements = elements;
        this.types = types;
        this.declarations = declarations;
    }

    /**
     * The model of {@code type}, which carries {@code @DataSequence}; empty when something it depends on is not
     * resolved yet (see {@link Unresolved}).
     */
    Optional<ReaderModel> parse(TypeElement type) {
        try {
            return Optional.of(read(type));
        } catch (Unresolved unresolved) {
            return Optional.empty();
        }
    }

    /** {@code method}'s annotation of {@code role} if the type declaring it has no {@code @DataSequence}. */
    Optional<StrayAnnotation> parseStray(ExecutableElement method, MethodRole role) {
        Element enclosing = method.getEnclosingElement();
        if (AnnotationRef.find(enclosing, RuntimeNames.DATA_SEQUENCE, elements).isPresent()) {
            return Optional.empty();
        }
        AnnotationRef annotation = AnnotationRef.find(method, role.annotationName(), elements).orElseThrow();
        return Optional.of(new StrayAnnotation(
                method, role, annotation, signature(method), enclosing.getSimpleName().toString()));
    }

    /** {@code method} as messages name it, e.g. {@code pixels(int, RecordContext)}. */
    private static String signature(ExecutableElement method) {
        List<String> parameters = method.getParameters().stream()
                .map(parameter -> TypeNames.display(parameter.asType()))
                .collect(Collectors.toList());
        return method.getSimpleName() + "(" + String.join(", ", TypeNames.asWritten(parameters, method.isVarArgs()))
                + ")";
    }

    private ReaderModel read(TypeElement type) {
        AnnotationRef annotation = AnnotationRef.find(type, RuntimeNames.DATA_SEQUENCE, elements).orElseThrow();
        SequenceSettings settings = new SequenceSettings(
                annotation.intValue("batchSize"),
                annotation.booleanValue("shuffle"),
                annotation.longValue("seed"),
                annotation.booleanValue("dropLast"),
                annotation.intValue("workers"),
                annotation.intValue("prefetch"),
                annotation.enumValue("onError"),
                annotation.booleanValue("perWorker"),
                annotation.stringValue("name"),
                annotation.intValue("stepsPerEpoch"));
        ClassName readerName = ClassName.get(type);
        String sequencePackage = readerName.packageName();
        String sequenceSimpleName = settings.name().isEmpty()
                ? String.join("_", readerName.simpleNames()) + "Sequence"
                : settings.name();
        List<ReaderMethod> methods = readMethods(type);
        return new ReaderModel(
                type,
                annotation,
                settings,
                readerName,
                isPublicAllTheWay(type),
                sequencePackage,
                sequenceSimpleName,
                methods,
                Descriptor.of(methods),
                nonFinalFields(type),
                lonelyImages(type));
    }

    private static List<VariableElement> nonFinalFields(TypeElement type) {
        return ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
                .filter(field -> !field.getModifiers().contains(Modifier.FINAL)
                        && !field.getModifiers().contains(Modifier.STATIC))
                .collect(Collectors.toList());
    }

    private List<ReaderModel.LonelyImage> lonelyImages(TypeElement type) {
        List<ReaderModel.LonelyImage> lonely = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            boolean hasRole = false;
            for (MethodRole role : MethodRole.values()) {
                hasRole |= AnnotationRef.find(method, role.annotationName(), elements).isPresent();
            }
            Optional<AnnotationRef> image = AnnotationRef.find(method, RuntimeNames.IMAGE, elements);
            if (!hasRole && image.isPresent()) {
                lonely.add(new ReaderModel.LonelyImage(method, ImageDeclaration.read(image.get()), signature(method)));
            }
        }
        return lonely;
    }

    private List<ReaderMethod> readMethods(TypeElement type) {
        List<ReaderMethod> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            for (MethodRole role : MethodRole.values()) {
                Optional<AnnotationRef> annotation = AnnotationRef.find(method, role.annotationName(), elements);
                if (annotation.isPresent()) {
                    methods.add(readMethod(method, role, annotation.get()));
                }
            }
        }
        return methods;
    }

    private ReaderMethod readMethod(ExecutableElement method, MethodRole role, AnnotationRef annotation) {
        List<TypeMirror> parameters = method.getParameters().stream()
                .map(VariableElement::asType)
                .collect(Collectors.toList());
        resolved(method.getReturnType());
        parameters.forEach(ReaderParser::resolved);
        method.getThrownTypes().forEach(ReaderParser::resolved);
        boolean isLabel = role == MethodRole.LABEL;
        return new ReaderMethod(
                method,
                declaration(method),
                role,
                annotation,
                TypeNames.canonical(method.getReturnType()),
                TypeNames.display(method.getReturnType()),
                parameters.stream().map(TypeNames::canonical).collect(Collectors.toList()),
                parameters.stream().map(TypeNames::display).collect(Collectors.toList()),
                checkedExceptions(method),
                role.isOutput() ? annotation.intValues("shape") : List.of(),
                isLabel ? annotation.intValue("classes") : 0,
                isLabel ? annotation.stringValues("names") : List.of(),
                outputName(method, role, annotation),
                role.isOutput() ? annotation.intValue("order") : -1,
                AnnotationRef.find(method, RuntimeNames.IMAGE, elements).map(ImageDeclaration::read));
    }

    /**
     * Where diagnostics about {@code method} point: the method, or for a record's implicit accessor, whose annotation
     * was written on the record component, the component's field (the component itself has no position that javac
     * can report). When the compiler cannot tell an implicit accessor from a written one, an accessor counts as
     * implicit: the component is still the right line to look at.
     */
    private Element declaration(ExecutableElement method) {
        TypeElement type = (TypeElement) method.getEnclosingElement();
        if (type.getKind() != ElementKind.RECORD || declarations.hasOwnDeclaration(method)) {
            return method;
        }
        for (RecordComponentElement component : type.getRecordComponents()) {
            if (method.equals(component.getAccessor())) {
                return ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
                        .filter(field -> field.getSimpleName().equals(component.getSimpleName()))
                        .findFirst()
                        .map(Element.class::cast)
                        .orElse(component);
            }
        }
        return method;
    }

    private static String outputName(ExecutableElement method, MethodRole role, AnnotationRef annotation) {
        String name = role.isOutput() ? annotation.stringValue("name") : "";
        return name.isEmpty() ? method.getSimpleName().toString() : name;
    }

    private List<String> checkedExceptions(ExecutableElement method) {
        TypeMirror runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
        TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
        return method.getThrownTypes().stream()
                .filter(thrown -> !types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error))
                .map(TypeNames::display)
                .collect(Collectors.toList());
    }

    private static void resolved(TypeMirror type) {
        if (!TypeNames.isResolved(type)) {
            throw new Unresolved(type.toString());
        }
    }

    private static boolean isPublicAllTheWay(TypeElement type) {
        for (Element element = type; element instanceof TypeElement; element = element.getEnclosingElement()) {
            if (!element.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }
}
